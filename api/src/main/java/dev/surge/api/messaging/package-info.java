/**
 * Kafka, behind Surge's own ports ({@code OrderEventBus}, {@code VendorEventFeed}):
 * Reactor Kafka is discontinued upstream, so it lives in this package only and can be
 * swapped here (ADR 6).
 */
@NullMarked
package dev.surge.api.messaging;

import org.jspecify.annotations.NullMarked;
