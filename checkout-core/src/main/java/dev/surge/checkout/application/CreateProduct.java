package dev.surge.checkout.application;

import java.util.UUID;
import java.util.function.Supplier;

import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorProduct;
import dev.surge.checkout.domain.Actor;
import reactor.core.publisher.Mono;

/**
 * A vendor's editor adds a product: a draft, or submitted for review (on sale at once
 * where the operator lets the vendor's products through).
 */
public final class CreateProduct {

    private final ProductWrites writes;

    private final Supplier<UUID> ids;

    public CreateProduct(ProductWrites writes, Supplier<UUID> ids) {
        this.writes = writes;
        this.ids = ids;
    }

    public Mono<ProductWrites.Outcome> create(Membership editor, ProductContent content, boolean submit) {
        return Mono.defer(() -> {
            VendorProduct draft = VendorProduct.create(new ProductId(ids.get()), editor.vendor(), content, submit,
                    false, writes.clock().instant());
            return writes.refusal(draft, content)
                .switchIfEmpty(Mono.defer(() -> writes.autoApproved(draft)
                    .map(auto -> VendorProduct.create(draft.id(), draft.vendor(), content, submit, auto,
                            draft.updatedAt()))
                    .flatMap(product -> writes.store(Actor.member(editor), "product.created", null, product))));
        });
    }

}
