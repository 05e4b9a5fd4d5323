/**
 * The Stripe adapter of the payment port: stripe-java on a bounded scheduler of virtual
 * threads behind Resilience4j (time limiter, bulkhead, circuit breaker, retry with the
 * same idempotency key), webhook verification and translation into payment events. The
 * module's test-jar holds the Stripe-compatible stub used by tests and the embedded
 * runtime.
 */
@NullMarked
package dev.surge.payments;

import org.jspecify.annotations.NullMarked;
