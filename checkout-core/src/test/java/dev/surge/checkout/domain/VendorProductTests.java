package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorProductTests {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static final Instant LATER = NOW.plusSeconds(60);

    private final VendorProduct submitted = VendorProduct.create(new ProductId(UUID.randomUUID()),
            new VendorId(UUID.randomUUID()), content("Mug", variant("MUG-1", 1000, 5)), true, false, NOW);

    @Test
    void aSubmittedProductWaitsForReviewAndADraftDoesNot() {
        VendorProduct draft = VendorProduct.create(submitted.id(), submitted.vendor(), submitted.content(), false,
                false, NOW);

        assertThat(submitted.status()).isEqualTo(ProductStatus.PENDING_APPROVAL);
        assertThat(submitted.awaitsReview()).isTrue();
        assertThat(submitted.submittedAt()).isEqualTo(NOW);
        assertThat(draft.status()).isEqualTo(ProductStatus.DRAFT);
        assertThat(draft.awaitsReview()).isFalse();
        assertThatThrownBy(() -> draft.approve(LATER)).isInstanceOf(IllegalProductTransition.class);
    }

    @Test
    void aVendorLetThroughSellsAtOnce() {
        assertThat(
                VendorProduct.create(submitted.id(), submitted.vendor(), submitted.content(), true, true, NOW).status())
            .isEqualTo(ProductStatus.APPROVED);
    }

    @Test
    void anEditOfAnApprovedProductWaitsExceptItsPricesAndStock() {
        VendorProduct approved = submitted.approve(NOW);
        ProductContent edit = content("Big Mug", variant("MUG-1", 1200, 9), variant("MUG-2", 1500, 3));

        VendorProduct edited = approved.edit(edit, true, false, LATER);

        assertThat(edited.status()).isEqualTo(ProductStatus.APPROVED);
        assertThat(edited.content().name()).isEqualTo("Mug");
        assertThat(edited.content().variants()).containsExactly(variant("MUG-1", 1200, 9));
        assertThat(edited.pendingChange()).isEqualTo(edit);
        assertThat(edited.awaitsReview()).isTrue();
        assertThat(edited.submittedAt()).isEqualTo(LATER);
    }

    @Test
    void anEditOfPricesAndStockAloneNeedsNoReview() {
        VendorProduct edited = submitted.approve(NOW)
            .edit(content("Mug", variant("MUG-1", 900, 50)), true, false, LATER);

        assertThat(edited.pendingChange()).isNull();
        assertThat(edited.content().variants()).containsExactly(variant("MUG-1", 900, 50));
    }

    @Test
    void approvingAChangeKeepsThePricesAndStockAppliedMeanwhile() {
        VendorProduct edited = submitted.approve(NOW)
            .edit(content("Big Mug", variant("MUG-1", 1200, 9), variant("MUG-2", 1500, 3)), true, false, LATER);
        VendorProduct repriced = new VendorProduct(edited.id(), edited.vendor(), edited.status(),
                content("Mug", variant("MUG-1", 1100, 7)), edited.pendingChange(), null, edited.submittedAt(), LATER,
                edited.version());

        VendorProduct approved = repriced.approve(LATER);

        assertThat(approved.pendingChange()).isNull();
        assertThat(approved.content().name()).isEqualTo("Big Mug");
        assertThat(approved.content().variants()).containsExactly(variant("MUG-1", 1100, 7), variant("MUG-2", 1500, 3));
    }

    @Test
    void rejectingAChangeKeepsTheApprovedVersionOnSaleWithTheReason() {
        VendorProduct rejected = submitted.approve(NOW)
            .edit(content("Big Mug", variant("MUG-1", 1000, 5)), true, false, LATER)
            .reject("misleading name", LATER);

        assertThat(rejected.status()).isEqualTo(ProductStatus.APPROVED);
        assertThat(rejected.content().name()).isEqualTo("Mug");
        assertThat(rejected.pendingChange()).isNull();
        assertThat(rejected.statusReason()).isEqualTo("misleading name");
        assertThat(submitted.reject("blurry photos", LATER).status()).isEqualTo(ProductStatus.REJECTED);
    }

    @Test
    void anArchivedProductIsNeverEditedAgain() {
        VendorProduct archived = submitted.approve(NOW).archive(LATER);

        assertThat(archived.status()).isEqualTo(ProductStatus.ARCHIVED);
        assertThat(archived.archive(LATER)).isSameAs(archived);
        assertThatThrownBy(() -> archived.edit(submitted.content(), true, false, LATER))
            .isInstanceOf(IllegalProductTransition.class);
    }

    private static ProductContent content(String name, VariantContent... variants) {
        return new ProductContent(name, "", "kitchen", TaxClass.STANDARD, Map.of("color", "blue"), List.of(variants));
    }

    private static VariantContent variant(String sku, long eur, int onHand) {
        return new VariantContent(Sku.of(sku), "Variant " + sku, List.of(Money.of(eur, "EUR")), onHand);
    }

}
