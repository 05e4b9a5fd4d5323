package dev.surge.checkout.application;

/**
 * The kind of work I/O serves, named in the Reactor context under {@link #KEY} by the
 * entry points (absent: a caller waits for it, {@link #REQUEST}), so adapters can count
 * what each kind costs (statements, round trips) without knowing who called them. The
 * issue's budgets are per kind: a shopper's request paths, webhooks, background passes.
 */
public final class WorkPath {

    public static final String KEY = "surge.work-path";

    /** A caller (a shopper, a vendor, an operator) waits for it. */
    public static final String REQUEST = "request";

    /** Stripe's webhook deliveries. */
    public static final String WEBHOOK = "webhook";

    /** Periodic passes: relays, transfers, sweepers, reconciliation. */
    public static final String BACKGROUND = "background";

    private WorkPath() {
    }

}
