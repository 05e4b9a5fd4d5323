package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The marketplace's vendors as the operator runs them, in the store of record. */
public interface VendorAccounts {

    /** Emits the vendor; completes empty when there is none with that id. */
    Mono<VendorAccount> find(VendorId id);

    /** Emits the vendor whose payout account this is; completes empty when none. */
    Mono<VendorAccount> findByPayoutAccount(ConnectedAccountId account);

    /** Stores a new application together with its first member, the applicant. */
    Mono<Void> open(VendorAccount application, Membership owner);

    /**
     * Stores {@code changed} if the vendor is still at the version before it
     * ({@code changed.version() - 1}); emits whether it was.
     */
    Mono<Boolean> record(VendorAccount changed);

    /**
     * Emits up to {@code limit} vendors in {@code status} (any when {@code null}) in id
     * order, after {@code after} when given.
     */
    Mono<List<VendorAccount>> list(@Nullable VendorStatus status, @Nullable VendorId after, int limit);

}
