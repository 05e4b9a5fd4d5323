package dev.surge.api.wiring;

import java.time.Clock;
import java.time.Duration;

import dev.surge.api.persistence.R2dbcCheckoutRequests;
import dev.surge.api.persistence.R2dbcOrders;
import dev.surge.api.persistence.OversoldStockHealth;
import dev.surge.api.persistence.VendorTransfersHealth;
import dev.surge.api.sse.OrderStatusFeed;
import dev.surge.api.web.LimitProperties;
import dev.surge.checkout.application.CancelOrder;
import dev.surge.checkout.application.CartPricing;
import dev.surge.checkout.application.CommitReservation;
import dev.surge.checkout.application.ConfirmPayment;
import dev.surge.checkout.application.ExpireOrder;
import dev.surge.checkout.application.PlaceOrder;
import dev.surge.checkout.application.RecentStockLevels;
import dev.surge.checkout.application.RecordPaymentEvent;
import dev.surge.checkout.application.PayVendorShares;
import dev.surge.checkout.application.TakeBackVendorShares;
import dev.surge.checkout.application.SettlePayment;
import dev.surge.checkout.application.ShowOrder;
import dev.surge.checkout.domain.OrderStatus;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.CheckoutRequests;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentLedger;
import dev.surge.checkout.port.Quotas;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorDirectory;
import dev.surge.inventory.InventoryProperties;
import dev.surge.inventory.PeriodicPass;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/** Wires the checkout and order use cases to PostgreSQL, Redis and Stripe. */
@Configuration(proxyBeanMethods = false)
public class CheckoutWiring {

    @Bean
    R2dbcOrders orders(DatabaseClient database, ReactiveTransactionManager transactions, JsonMapper json,
            RandomIds randomIds, @Value("${surge.vendors.sell-without-payouts:false}") boolean sellWithoutPayouts) {
        return new R2dbcOrders(database, TransactionalOperator.create(transactions), json, randomIds,
                sellWithoutPayouts);
    }

    @Bean
    OrderStatusFeed orderStatusFeed(ConnectionFactory connectionFactory) {
        return new OrderStatusFeed(connectionFactory);
    }

    @Bean
    R2dbcCheckoutRequests checkoutRequests(DatabaseClient database, Orders orders) {
        return new R2dbcCheckoutRequests(database, orders);
    }

    /**
     * Idempotency keys live 24 hours; forgetting them is housekeeping, safe in many pods
     * at once.
     */
    @Bean
    PeriodicPass expiredCheckoutKeys(R2dbcCheckoutRequests checkoutRequests) {
        return new PeriodicPass("Forgetting expired checkout keys", Duration.ofMinutes(10),
                checkoutRequests::forgetExpired);
    }

    /**
     * Cancels orders whose hold ended a minute ago and are still pending: the stock
     * sweeper reports each expiry once, and that report may have failed.
     */
    @Bean
    PeriodicPass overdueOrders(ExpireOrder expireOrder, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new PeriodicPass("Cancelling overdue orders", Duration.ofSeconds(30),
                () -> expireOrder.expireOverdue(time.instant(), Duration.ofMinutes(1)));
    }

    @Bean
    PlaceOrder placeOrder(CheckoutRequests checkoutRequests, Carts carts, CartPricing cartPricing,
            StockReservations reservations, RecentStockLevels shownStockLevels, VendorDirectory vendorDirectory,
            Orders orders, PaymentGateway payments, InventoryProperties inventory,
            @Value("${surge.checkout.idempotency-lease:30s}") Duration idempotencyLease,
            @Value("${surge.checkout.guest-hold:10m}") Duration guestHold,
            @Value("${surge.checkout.open-orders-per-buyer:3}") int openOrdersPerBuyer, RandomIds randomIds,
            ObjectProvider<Clock> clock) {
        return new PlaceOrder(checkoutRequests, carts, cartPricing, reservations, shownStockLevels, vendorDirectory,
                orders, payments, new PlaceOrder.Holds(inventory.reservationTtl(), guestHold, openOrdersPerBuyer),
                idempotencyLease, clock.getIfAvailable(Clock::systemUTC), randomIds, randomIds.secureRandom());
    }

    @Bean
    SettlePayment settlePayment(Orders orders, PaymentLedger paymentLedger, CommitReservation commitReservation,
            StockReservations reservations, PaymentGateway payments, RecordPaymentEvent recordPaymentEvent,
            Transactions transactions, @Value("${surge.payments.webhook-grace:2s}") Duration webhookGrace,
            ObjectProvider<Clock> clock) {
        return new SettlePayment(orders, paymentLedger, commitReservation, reservations, payments, recordPaymentEvent,
                transactions, webhookGrace, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PayVendorShares payVendorShares(Orders orders, PaymentGateway payments, VendorDirectory vendors) {
        return new PayVendorShares(orders, payments, vendors);
    }

    /**
     * Vendors' transfers, made in the background: woken when orders were paid (on any
     * instance, through the status notifications; at most every 250 ms, so a busy shop
     * pays many orders per pass and records them in one write), and every few seconds for
     * retries. Safe in many pods at once: a transfer is keyed by its sub-order at Stripe.
     */
    @Bean
    PeriodicPass vendorTransfers(PayVendorShares payVendorShares, OrderStatusFeed orderStatusFeed,
            @Value("${surge.payments.transfer-interval:5s}") Duration interval) {
        return new PeriodicPass("Paying vendors their shares", interval, () -> payVendorShares.payDue(100),
                orderStatusFeed.allChanges()
                    .filter(change -> change.status() == OrderStatus.PAID)
                    .sample(Duration.ofMillis(250)));
    }

    /**
     * Vendors' shares taken back after refunds, in the background: woken when orders were
     * refunded (on any instance) and every few seconds for retries. Safe in many pods at
     * once: a transfer already reversed is left alone at Stripe.
     */
    @Bean
    PeriodicPass vendorShareReversals(Orders orders, PaymentGateway payments, OrderStatusFeed orderStatusFeed,
            @Value("${surge.payments.reversal-interval:5s}") Duration interval) {
        TakeBackVendorShares takeBack = new TakeBackVendorShares(orders, payments);
        return new PeriodicPass("Taking vendors' shares back", interval, () -> takeBack.takeBackDue(100),
                orderStatusFeed.allChanges()
                    .filter(change -> change.status() == OrderStatus.REFUNDED)
                    .sample(Duration.ofMillis(250)));
    }

    /** Overdue vendor transfers show in health (not readiness): {@code DEGRADED}. */
    @Bean
    VendorTransfersHealth vendorTransfersHealthIndicator(DatabaseClient database) {
        return new VendorTransfersHealth(database);
    }

    /**
     * Stock sold beyond what was on hand shows in health (not readiness):
     * {@code DEGRADED}.
     */
    @Bean
    OversoldStockHealth oversoldStockHealthIndicator(DatabaseClient database) {
        return new OversoldStockHealth(database);
    }

    @Bean
    ShowOrder showOrder(Orders orders) {
        return new ShowOrder(orders);
    }

    @Bean
    ConfirmPayment confirmPayment(Orders orders, PaymentGateway payments, SettlePayment settlePayment,
            CancelOrder cancelOrder, Quotas quotas, LimitProperties limits, ObjectProvider<Clock> clock) {
        return new ConfirmPayment(orders, payments, settlePayment, cancelOrder, quotas,
                new ConfirmPayment.AttemptCap(limits.paymentAttempts().cap(), limits.paymentAttempts().window()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CancelOrder cancelOrder(Orders orders, PaymentGateway payments, StockReservations reservations,
            SettlePayment settlePayment, ObjectProvider<Clock> clock) {
        return new CancelOrder(orders, payments, reservations, settlePayment, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ExpireOrder expireOrder(Orders orders, PaymentGateway payments, SettlePayment settlePayment,
            ObjectProvider<Clock> clock) {
        return new ExpireOrder(orders, payments, settlePayment, clock.getIfAvailable(Clock::systemUTC));
    }

}
