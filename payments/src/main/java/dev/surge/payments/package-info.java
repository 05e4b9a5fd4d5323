/**
 * (Built by issue #4.) The Stripe adapter (stripe-java on a bounded scheduler behind
 * Resilience4j), webhook verification and the Stripe-compatible stub for tests and the
 * embedded runtime. Implements the checkout-core payment port.
 */
@NullMarked
package dev.surge.payments;

import org.jspecify.annotations.NullMarked;
