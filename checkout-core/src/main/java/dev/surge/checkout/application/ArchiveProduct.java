package dev.surge.checkout.application;

import java.time.Duration;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import dev.surge.checkout.port.ConcurrentVendorUpdate;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** A vendor's editor takes a product off sale for good; orders already placed go on. */
public final class ArchiveProduct {

    private final ProductWrites writes;

    public ArchiveProduct(ProductWrites writes) {
        this.writes = writes;
    }

    public Mono<ProductWrites.Outcome> archive(Membership editor, ProductId id) {
        Mono<ProductWrites.Outcome> attempt = Mono.defer(() -> writes.products()
            .find(id)
            .filter(product -> product.vendor().equals(editor.vendor()))
            .flatMap(before -> before.status() == ProductStatus.ARCHIVED
                    ? Mono.<ProductWrites.Outcome>just(new ProductWrites.Outcome.Written(before))
                    : writes.store(Actor.member(editor), "product.archived", before,
                            before.archive(writes.clock().instant())))
            .defaultIfEmpty(new ProductWrites.Outcome.NoSuchProduct()));
        return attempt.retryWhen(Retry.backoff(5, Duration.ofMillis(5))
            .filter(ConcurrentVendorUpdate.class::isInstance)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

}
