package dev.surge.checkout.port;

import java.time.Duration;

/** What taking a request from a set of quotas came to. */
public sealed interface QuotaVerdict {

    /** Every quota had room; the request was counted against each. */
    record Granted() implements QuotaVerdict {
    }

    /**
     * {@code quota} had no room: nothing was counted against any of the set.
     *
     * @param retryAfter when it will have room again
     * @param capsReached for {@link Quota.Attempts}, in how many windows the cap was
     * reached, this one included; zero for a rate
     */
    record Refused(Quota quota, Duration retryAfter, int capsReached) implements QuotaVerdict {
    }

}
