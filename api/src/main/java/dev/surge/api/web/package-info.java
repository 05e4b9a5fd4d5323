/** The HTTP edge: thin controllers, JSON records and the one RFC 9457 problem mapping. */
@NullMarked
package dev.surge.api.web;

import org.jspecify.annotations.NullMarked;
