/**
 * Stock reservations: Redis Lua scripts through Lettuce's reactive API, the expiry
 * sweeper and reconciliation with PostgreSQL. Implements the checkout-core stock ports.
 */
@NullMarked
package dev.surge.inventory;

import org.jspecify.annotations.NullMarked;
