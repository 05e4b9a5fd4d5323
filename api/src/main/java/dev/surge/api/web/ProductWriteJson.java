package dev.surge.api.web;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.surge.api.web.Problems.FieldError;
import dev.surge.checkout.domain.Money;
import dev.surge.checkout.domain.ProductContent;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.TaxClass;
import dev.surge.checkout.domain.VariantContent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A product as vendors write it (create and edit take the same body), checked field by
 * field: every problem is named in one answer.
 */
public record ProductWriteJson(@NotBlank @Size(max = 200) @Nullable String name,
        @Size(max = 4000) @Nullable String description, @NotBlank @Size(max = 100) @Nullable String category,
        @Nullable String taxClass, @Size(max = ProductContent.MAX_ATTRIBUTES) @Nullable Map<String, String> attributes,
        @NotEmpty @Size(max = ProductContent.MAX_VARIANTS) @Valid @Nullable List<VariantJson> variants,
        @Nullable Boolean submit) {

    public record VariantJson(@NotBlank @Nullable String sku, @NotBlank @Size(max = 200) @Nullable String name,
            @NotNull @Size(max = 20) @Valid @Nullable List<PriceJson> prices,
            @NotNull @Min(0) @Max(VariantContent.MAX_ON_HAND) @Nullable Integer onHand) {
    }

    public record PriceJson(@NotNull @Min(0) @Max(100_000_000_00L) @Nullable Long amount,
            @NotBlank @Nullable String currency) {
    }

    public boolean submitted() {
        return submit == null || submit;
    }

    /**
     * The content this body describes.
     * @throws ApiProblem validation-failed naming every field the domain refuses
     */
    public ProductContent content(CatalogProperties catalog) {
        List<FieldError> errors = new ArrayList<>();
        TaxClass tax = TaxClass.STANDARD;
        if (taxClass != null) {
            try {
                tax = TaxClass.valueOf(taxClass.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                errors.add(new FieldError("taxClass", "must be one of STANDARD, REDUCED, ZERO"));
            }
        }
        List<VariantContent> written = new ArrayList<>();
        List<VariantJson> given = variants == null ? List.of() : variants;
        for (int i = 0; i < given.size(); i++) {
            VariantContent variant = variant(given.get(i), "variants[" + i + "]", catalog, errors);
            if (variant != null) {
                if (written.stream().anyMatch(other -> other.sku().equals(variant.sku()))) {
                    errors.add(new FieldError("variants[" + i + "].sku", "listed twice in this product"));
                }
                written.add(variant);
            }
        }
        String category = this.category == null ? "" : this.category.strip().toLowerCase(Locale.ROOT);
        if (errors.isEmpty()) {
            try {
                return new ProductContent(name == null ? "" : name, description, category, tax,
                        attributes == null ? Map.of() : attributes, written);
            }
            catch (IllegalArgumentException e) {
                errors.add(new FieldError("attributes", e.getMessage()));
            }
        }
        throw invalid(errors);
    }

    /**
     * Prices as a vendor writes them, one per currency the marketplace sells in.
     * @throws ApiProblem validation-failed naming every price refused
     */
    public static List<Money> checkedPrices(@Nullable List<PriceJson> prices, CatalogProperties catalog) {
        List<FieldError> errors = new ArrayList<>();
        List<Money> checked = prices(prices, "prices", catalog, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return checked;
    }

    private static List<Money> prices(@Nullable List<PriceJson> prices, String path, CatalogProperties catalog,
            List<FieldError> errors) {
        List<Money> checked = new ArrayList<>();
        List<PriceJson> given = prices == null ? List.of() : prices;
        for (int j = 0; j < given.size(); j++) {
            PriceJson price = given.get(j);
            String code = price.currency() == null ? "" : price.currency().strip().toUpperCase(Locale.ROOT);
            Currency currency = catalog.currencies()
                .stream()
                .filter(offered -> offered.getCurrencyCode().equals(code))
                .findFirst()
                .orElse(null);
            if (currency == null) {
                errors.add(new FieldError(path + "[" + j + "].currency",
                        "must be a currency the marketplace sells in: " + catalog.currencies()));
            }
            else if (checked.stream().anyMatch(other -> other.currency().equals(currency))) {
                errors.add(new FieldError(path + "[" + j + "].currency", "priced twice in " + code));
            }
            else if (price.amount() != null) {
                checked.add(Money.of(price.amount(), currency));
            }
        }
        return checked;
    }

    private static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(ProblemType.VALIDATION_FAILED,
                String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList()),
                Map.of("errors", errors));
    }

    private static @Nullable VariantContent variant(VariantJson variant, String path, CatalogProperties catalog,
            List<FieldError> errors) {
        int before = errors.size();
        Sku sku = null;
        try {
            sku = Sku.of(variant.sku() == null ? "" : variant.sku().strip());
        }
        catch (IllegalArgumentException e) {
            errors.add(new FieldError(path + ".sku", "must be 2-64 upper-case letters, digits, dashes or underscores"));
        }
        List<Money> prices = prices(variant.prices(), path + ".prices", catalog, errors);
        if (errors.size() > before || sku == null) {
            return null;
        }
        return new VariantContent(sku, variant.name() == null ? "" : variant.name(), prices,
                variant.onHand() == null ? 0 : variant.onHand());
    }

}
