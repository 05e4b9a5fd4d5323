package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's product as moderation sees it. {@code content} is what is on sale once
 * approved (the draft before); an edit of an approved product waits as
 * {@code pendingChange} while the approved content stays on sale, except its prices and
 * stock, which apply at once. {@code submittedAt} orders the review queue;
 * {@code version} counts the moves.
 *
 * @param statusReason why it, or its last change, was rejected
 */
public record VendorProduct(ProductId id, VendorId vendor, ProductStatus status, ProductContent content,
        @Nullable ProductContent pendingChange, @Nullable String statusReason, @Nullable Instant submittedAt,
        Instant updatedAt, long version) {

    public VendorProduct {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (pendingChange != null && status != ProductStatus.APPROVED) {
            throw new IllegalArgumentException("only an approved product has a pending change");
        }
    }

    /**
     * A new product: a draft, or submitted for review, or on sale at once where the
     * operator lets its vendor's products through without review.
     */
    public static VendorProduct create(ProductId id, VendorId vendor, ProductContent content, boolean submit,
            boolean autoApproved, Instant at) {
        ProductStatus status = !submit ? ProductStatus.DRAFT
                : autoApproved ? ProductStatus.APPROVED : ProductStatus.PENDING_APPROVAL;
        return new VendorProduct(id, vendor, status, content, null, null, submit ? at : null, at, 0);
    }

    /** Whether there is something for the operator to review. */
    public boolean awaitsReview() {
        return status == ProductStatus.PENDING_APPROVAL || pendingChange != null;
    }

    /**
     * The product after the vendor's edit. An approved product keeps its content on sale
     * with the edit's prices and stock, and the rest of the edit waits for review (or
     * applies at once when auto-approved); any other product takes the edit as it is.
     * @throws IllegalProductTransition for an archived product
     */
    public VendorProduct edit(ProductContent edited, boolean submit, boolean autoApproved, Instant at) {
        return switch (status) {
            case ARCHIVED -> throw new IllegalProductTransition(status, "edited");
            case APPROVED -> {
                if (autoApproved || edited.sameModeratedContentAs(content)) {
                    yield moved(ProductStatus.APPROVED, edited, null, null, submittedAt, at);
                }
                yield moved(ProductStatus.APPROVED, content.withPricesAndStockFrom(edited), edited, null, at, at);
            }
            case DRAFT, PENDING_APPROVAL, REJECTED -> {
                ProductStatus next = !submit ? ProductStatus.DRAFT
                        : autoApproved ? ProductStatus.APPROVED : ProductStatus.PENDING_APPROVAL;
                yield moved(next, edited, null, null, submit ? at : null, at);
            }
        };
    }

    /**
     * Approves what waits: a submitted product goes on sale, a pending change replaces
     * the approved content (keeping the prices and stock its variants have now: those
     * applied at once meanwhile).
     * @throws IllegalProductTransition when nothing waits for review
     */
    public VendorProduct approve(Instant at) {
        if (status == ProductStatus.PENDING_APPROVAL) {
            return moved(ProductStatus.APPROVED, content, null, null, submittedAt, at);
        }
        if (pendingChange != null) {
            return moved(ProductStatus.APPROVED, pendingChange.withPricesAndStockFrom(content), null, null, submittedAt,
                    at);
        }
        throw new IllegalProductTransition(status, "approved");
    }

    /**
     * Rejects what waits, with a reason the vendor reads: a submitted product is
     * {@link ProductStatus#REJECTED}; a pending change is dropped while the approved
     * content stays on sale.
     * @throws IllegalProductTransition when nothing waits for review
     */
    public VendorProduct reject(String reason, Instant at) {
        String kept = Text.required(reason, "reason", 1_000);
        if (status == ProductStatus.PENDING_APPROVAL) {
            return moved(ProductStatus.REJECTED, content, null, kept, submittedAt, at);
        }
        if (pendingChange != null) {
            return moved(ProductStatus.APPROVED, content, null, kept, submittedAt, at);
        }
        throw new IllegalProductTransition(status, "rejected");
    }

    /** Takes the product off sale for good; archiving again changes nothing. */
    public VendorProduct archive(Instant at) {
        return status == ProductStatus.ARCHIVED ? this
                : moved(ProductStatus.ARCHIVED, content, null, statusReason, submittedAt, at);
    }

    private VendorProduct moved(ProductStatus to, ProductContent newContent, @Nullable ProductContent pending,
            @Nullable String reason, @Nullable Instant submitted, Instant at) {
        return new VendorProduct(id, vendor, to, newContent, pending, reason, submitted, at, version + 1);
    }

}
