/** Start-up configuration: how Surge finds its services in each run mode. */
@NullMarked
package dev.surge.api.config;

import org.jspecify.annotations.NullMarked;
