/** Bean wiring: use cases from checkout-core and the adapters behind their ports. */
@NullMarked
package dev.surge.api.wiring;

import org.jspecify.annotations.NullMarked;
