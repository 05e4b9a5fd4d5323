package dev.surge.checkout.application;

import dev.surge.checkout.domain.Actor;
import dev.surge.checkout.domain.IllegalProductTransition;
import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.domain.VendorProduct;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An operator approves or rejects what waits for review: a submitted product, or the
 * pending change of an approved one. Approved, it is on sale from the answer on.
 */
public final class ReviewProduct {

    private final ProductWrites writes;

    public ReviewProduct(ProductWrites writes) {
        this.writes = writes;
    }

    public enum Verdict {

        APPROVE, REJECT

    }

    /**
     * @param reason shown to the vendor; required to reject
     */
    public Mono<ProductWrites.Outcome> review(Actor operator, ProductId id, Verdict verdict, @Nullable String reason) {
        Mono<ProductWrites.Outcome> attempt = Mono.defer(() -> writes.products().find(id).flatMap(before -> {
            VendorProduct after;
            try {
                after = verdict == Verdict.APPROVE ? before.approve(writes.clock().instant())
                        : before.reject(reason == null ? "" : reason, writes.clock().instant());
            }
            catch (IllegalProductTransition refused) {
                return Mono.just(new ProductWrites.Outcome.NotAllowed(before));
            }
            Mono<ProductWrites.Outcome> check = verdict == Verdict.APPROVE ? writes.refusal(before, after.content())
                    : Mono.empty();
            String action = verdict == Verdict.APPROVE ? "product.approved" : "product.rejected";
            return check.switchIfEmpty(Mono.defer(() -> writes.store(operator, action, before, after)));
        }).defaultIfEmpty(new ProductWrites.Outcome.NoSuchProduct()));
        return ConcurrentUpdates.retried(attempt);
    }

}
