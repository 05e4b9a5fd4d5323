package dev.surge.checkout.application;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.ProductStatus;
import reactor.core.publisher.Mono;

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
        return ConcurrentUpdates.retried(attempt);
    }

}
