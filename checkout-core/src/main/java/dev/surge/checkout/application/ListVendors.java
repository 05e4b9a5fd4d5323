package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorStatus;
import dev.surge.checkout.port.VendorAccounts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The operator's view of the vendors, one page at a time. */
public final class ListVendors {

    private final VendorAccounts accounts;

    public ListVendors(VendorAccounts accounts) {
        this.accounts = accounts;
    }

    /** Emits up to {@code limit} vendors in id order after {@code after}. */
    public Mono<List<VendorAccount>> list(@Nullable VendorStatus status, @Nullable VendorId after, int limit) {
        return accounts.list(status, after, limit);
    }

}
