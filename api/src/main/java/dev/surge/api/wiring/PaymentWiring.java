package dev.surge.api.wiring;

import java.time.Clock;
import java.time.Duration;

import dev.surge.api.persistence.R2dbcPaymentLedger;
import dev.surge.api.persistence.R2dbcTransactions;
import dev.surge.checkout.application.ReconcilePayments;
import dev.surge.checkout.application.RecordPaymentEvent;
import dev.surge.checkout.application.SettlePayment;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.port.PaymentGateway;
import dev.surge.checkout.port.PaymentLedger;
import dev.surge.checkout.port.Transactions;
import dev.surge.inventory.InventoryProperties;
import dev.surge.inventory.PeriodicPass;
import dev.surge.payments.PaymentsConfiguration;
import dev.surge.payments.StripeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Wires the payment use cases to Stripe (the payments module) and to PostgreSQL, and runs
 * the reconciliation that repairs payments whose webhook never arrived.
 */
@Configuration(proxyBeanMethods = false)
@Import(PaymentsConfiguration.class)
public class PaymentWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWiring.class);

    /**
     * Stripe re-delivers a webhook for up to three days; a handled event is remembered
     * well beyond.
     */
    private static final Duration EVENT_MEMORY = Duration.ofDays(30);

    @Bean
    R2dbcPaymentLedger paymentLedger(DatabaseClient database) {
        return new R2dbcPaymentLedger(database);
    }

    @Bean
    Transactions transactions(ReactiveTransactionManager transactionManager) {
        return new R2dbcTransactions(TransactionalOperator.create(transactionManager));
    }

    @Bean
    RecordPaymentEvent recordPaymentEvent(PaymentLedger paymentLedger, Transactions transactions) {
        return new RecordPaymentEvent(paymentLedger, transactions);
    }

    @Bean
    ReconcilePayments reconcilePayments(PaymentGateway paymentGateway, PaymentLedger paymentLedger,
            RecordPaymentEvent recordPaymentEvent, SettlePayment settlePayment, Orders orders,
            InventoryProperties inventory, @Value("${surge.checkout.idempotency-lease:30s}") Duration idempotencyLease,
            ObjectProvider<Clock> clock) {
        // A payment whose order was never stored is abandoned once an order stored late
        // would find its hold ended (and the attempt's lease too).
        return new ReconcilePayments(paymentGateway, paymentLedger, recordPaymentEvent,
                clock.getIfAvailable(Clock::systemUTC), settlePayment::settle, orders,
                inventory.reservationTtl().plus(idempotencyLease));
    }

    /**
     * Asks Stripe about orders still waiting for payment, compares recent PaymentIntents
     * with the ledger and records what Stripe knows and the webhooks did not bring; first
     * forgets events older than Stripe's retry horizon. Safe in many pods at once: every
     * repair is an idempotent event.
     */
    @Bean
    PeriodicPass paymentReconciliation(ReconcilePayments reconcilePayments, R2dbcPaymentLedger paymentLedger,
            StripeProperties stripe, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new PeriodicPass("Reconciling payments with Stripe", stripe.reconcileInterval(),
                // Forgetting old events needs only PostgreSQL, so it comes first,
                // whatever Stripe does.
                () -> paymentLedger.forgetEventsReceivedBefore(time.instant().minus(EVENT_MEMORY))
                    .then(reconcilePayments.reconcile(stripe.reconcileLookBack()))
                    .doOnNext(PaymentWiring::logRepairs));
    }

    private static void logRepairs(ReconcilePayments.Reconciliation pass) {
        if (pass.truncated()) {
            LOG.warn("Reconciliation listed only the newest payments of its window (orders still waiting for payment "
                    + "were all asked about first); the oldest in the window were not read");
        }
        if (pass.abandonedCancelled() > 0) {
            LOG.warn("Reconciliation cancelled {} payments whose checkouts never stored their orders",
                    pass.abandonedCancelled());
        }
        if (pass.repaired() > 0 || pass.failed() > 0) {
            LOG.warn("Reconciliation examined {} recent payments: repaired {} whose webhooks had not arrived, could "
                    + "not check {} (tried again next pass)", pass.examined(), pass.repaired(), pass.failed());
        }
    }

}
