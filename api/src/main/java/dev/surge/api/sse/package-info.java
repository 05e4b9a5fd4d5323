/**
 * Live streams over Server-Sent Events: order status for storefronts, fed by PostgreSQL
 * notifications so a change made by any instance reaches every instance's subscribers.
 */
@NullMarked
package dev.surge.api.sse;

import org.jspecify.annotations.NullMarked;
