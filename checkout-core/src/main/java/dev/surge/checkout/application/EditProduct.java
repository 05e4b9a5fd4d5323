package dev.surge.checkout.application;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.IllegalProductTransition;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorProduct;
import reactor.core.publisher.Mono;

/**
 * A vendor's editor rewrites a product (the same body as creating it). An approved
 * product stays on sale as approved while the edit waits for review, except prices and
 * stock, which apply at once (see {@link VendorProduct#edit}).
 */
public final class EditProduct {

    private final ProductWrites writes;

    public EditProduct(ProductWrites writes) {
        this.writes = writes;
    }

    public Mono<ProductWrites.Outcome> edit(Membership editor, ProductId id, ProductContent content, boolean submit) {
        Mono<ProductWrites.Outcome> attempt = Mono.defer(() -> writes.products()
            .find(id)
            .filter(product -> product.vendor().equals(editor.vendor()))
            .flatMap(before -> writes.refusal(before, content)
                .switchIfEmpty(Mono.defer(() -> writes.autoApproved(before).flatMap(auto -> {
                    VendorProduct after;
                    try {
                        after = before.edit(content, submit, auto, writes.clock().instant());
                    }
                    catch (IllegalProductTransition refused) {
                        return Mono.just(new ProductWrites.Outcome.NotAllowed(before));
                    }
                    return writes.store(Actor.member(editor), "product.edited", before, after);
                }))))
            .defaultIfEmpty(new ProductWrites.Outcome.NoSuchProduct()));
        return ConcurrentUpdates.retried(attempt);
    }

}
