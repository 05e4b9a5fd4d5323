package dev.surge.checkout.port;

import java.util.Collection;
import java.util.Map;

import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTerms;
import reactor.core.publisher.Mono;

/** The terms agreed with vendors, from the store of record. */
public interface VendorDirectory {

    /** Emits the terms of those of {@code vendors} that exist. */
    Mono<Map<VendorId, VendorTerms>> terms(Collection<VendorId> vendors);

}
