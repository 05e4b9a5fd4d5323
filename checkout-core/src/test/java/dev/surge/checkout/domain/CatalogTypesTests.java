package dev.surge.checkout.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CatalogTypesTests {

    private static final VendorId VENDOR = new VendorId(UUID.randomUUID());

    @Test
    void acceptsOnlyWellFormedSkus() {
        assertThat(Sku.of("TEE-RED-M").value()).isEqualTo("TEE-RED-M");
        for (String bad : List.of("", "a", "lower-case", "SPACE SKU", "-LEADING", "X".repeat(65), "{TAG}")) {
            assertThatThrownBy(() -> Sku.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void acceptsOnlyIsoCountryCodes() {
        assertThat(CountryCode.of("DE").value()).isEqualTo("DE");
        assertThatThrownBy(() -> CountryCode.of("XX")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CountryCode.of("de")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsRatesWithinZeroAndOneHundredPercent() {
        assertThatThrownBy(() -> BasisPoints.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BasisPoints.of(10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chargesTheVendorsCommissionOnASubOrder() {
        Vendor vendor = new Vendor(VENDOR, "Nordic Goods", VendorStatus.APPROVED, BasisPoints.of(1500));

        assertThat(vendor.commissionOn(Money.of(10_000, "EUR"))).isEqualTo(Money.of(1_500, "EUR"));
    }

    @Test
    void addsTaxByCountryAndClass() {
        TaxRate germanReduced = new TaxRate(CountryCode.of("DE"), TaxClass.REDUCED, BasisPoints.of(700));

        assertThat(germanReduced.taxOn(Money.of(1_000, "EUR"))).isEqualTo(Money.of(70, "EUR"));
    }

    @Test
    void listsAProductOnlyWhenItAndItsVendorAreApproved() {
        Vendor approved = new Vendor(VENDOR, "Nordic Goods", VendorStatus.APPROVED, BasisPoints.of(1000));
        Vendor pending = new Vendor(VENDOR, "Nordic Goods", VendorStatus.PENDING_APPROVAL, BasisPoints.of(1000));

        assertThat(product(ProductStatus.APPROVED).isListed(approved)).isTrue();
        assertThat(product(ProductStatus.APPROVED).isListed(pending)).isFalse();
        assertThat(product(ProductStatus.PENDING_APPROVAL).isListed(approved)).isFalse();
    }

    @Test
    void refusesAProductWithoutVariantsOrWithADuplicateSku() {
        var variant = new Variant(Sku.of("MUG-1"), "Mug", TaxClass.STANDARD);
        assertThatThrownBy(() -> new Product(new ProductId(UUID.randomUUID()), VENDOR, "Mug", "", "kitchen",
                ProductStatus.APPROVED, List.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Product(new ProductId(UUID.randomUUID()), VENDOR, "Mug", "", "kitchen",
                ProductStatus.APPROVED, List.of(variant, variant)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdsPricesOfOneCurrencyOnly() {
        assertThatThrownBy(
                () -> new PriceList(Currency.getInstance("EUR"), Map.of(Sku.of("MUG-1"), Money.of(1, "USD"))))
            .isInstanceOf(CurrencyMismatch.class);
    }

    private static Product product(ProductStatus status) {
        return new Product(new ProductId(UUID.randomUUID()), VENDOR, "Mug", "Stoneware", "kitchen", status,
                List.of(new Variant(Sku.of("MUG-1"), "Mug", TaxClass.STANDARD)));
    }

}
