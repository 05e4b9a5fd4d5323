package dev.surge.api.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.surge.api.persistence.R2dbcOrderEventLog;
import dev.surge.api.persistence.R2dbcVendorOrders;
import dev.surge.api.sse.OrderStatusFeed;
import dev.surge.checkout.application.ListVendorOrders;
import dev.surge.checkout.application.FulfilSubOrders;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.VendorOrders;
import dev.surge.checkout.application.RelayOrderEvents;
import dev.surge.checkout.application.StreamVendorEvents;
import dev.surge.checkout.port.OrderEventBus;
import dev.surge.checkout.port.OrderEventLog;
import dev.surge.checkout.port.VendorEventFeed;
import dev.surge.inventory.PeriodicPass;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Order events from the outbox to Kafka and from Kafka to vendor streams. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class MessagingConfiguration {

    @Bean
    EventEnvelopes eventEnvelopes(JsonMapper json) {
        return new EventEnvelopes(json);
    }

    @Bean
    KafkaTopics kafkaTopics(KafkaSettings settings) {
        return new KafkaTopics(settings);
    }

    @Bean(destroyMethod = "close")
    KafkaOrderEventBus orderEventBus(KafkaSettings settings, KafkaTopics kafkaTopics, EventEnvelopes eventEnvelopes) {
        return new KafkaOrderEventBus(settings, kafkaTopics, eventEnvelopes);
    }

    @Bean
    KafkaVendorEventFeed vendorEventFeed(KafkaSettings settings, KafkaTopics kafkaTopics,
            EventEnvelopes eventEnvelopes) {
        return new KafkaVendorEventFeed(settings, kafkaTopics, eventEnvelopes);
    }

    @Bean
    MessagingHealth messagingHealthIndicator(DatabaseClient database, KafkaVendorEventFeed vendorEventFeed) {
        return new MessagingHealth(database, vendorEventFeed);
    }

    @Bean
    R2dbcOrderEventLog orderEventLog(DatabaseClient database) {
        return new R2dbcOrderEventLog(database);
    }

    @Bean
    RelayOrderEvents relayOrderEvents(OrderEventLog orderEventLog, OrderEventBus orderEventBus,
            KafkaSettings settings) {
        // The lease outlives a few passes, so a relay that stops is replaced within
        // seconds.
        return new RelayOrderEvents(orderEventLog, orderEventBus, "relay-" + UUID.randomUUID(),
                settings.relayInterval().multipliedBy(25).plus(Duration.ofSeconds(1)), settings.relayBatch());
    }

    @Bean
    PeriodicPass outboxRelay(RelayOrderEvents relayOrderEvents, KafkaSettings settings, OrderStatusFeed statusFeed) {
        // A status change committed new events with it: publish them soon rather than at
        // the next tick (at most every 100 ms: a busy shop gets batches, one read and one
        // write per pass for many orders, and vendors hear of an order within about
        // that).
        return new PeriodicPass("Publishing order events", settings.relayInterval(), relayOrderEvents::relay,
                statusFeed.allChanges().sample(Duration.ofMillis(100)));
    }

    @Bean
    VendorOrders vendorOrders(DatabaseClient database) {
        return new R2dbcVendorOrders(database);
    }

    @Bean
    ListVendorOrders listVendorOrders(VendorOrders vendorOrders) {
        return new ListVendorOrders(vendorOrders);
    }

    @Bean
    FulfilSubOrders fulfilSubOrders(VendorOrders vendorOrders, Orders orders, ObjectProvider<Clock> clock) {
        return new FulfilSubOrders(vendorOrders, orders, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    StreamVendorEvents streamVendorEvents(OrderEventLog orderEventLog, VendorEventFeed vendorEventFeed) {
        return new StreamVendorEvents(orderEventLog, vendorEventFeed);
    }

}
