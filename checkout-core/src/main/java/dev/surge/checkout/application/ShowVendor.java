package dev.surge.checkout.application;

import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.VendorAccounts;
import reactor.core.publisher.Mono;

/** One vendor as it stands, for its members and the operator. */
public final class ShowVendor {

    private final VendorAccounts accounts;

    public ShowVendor(VendorAccounts accounts) {
        this.accounts = accounts;
    }

    /** Emits the vendor; completes empty when there is none with that id. */
    public Mono<VendorAccount> show(VendorId vendor) {
        return accounts.find(vendor);
    }

}
