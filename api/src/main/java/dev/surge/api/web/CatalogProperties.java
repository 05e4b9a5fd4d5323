package dev.surge.api.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the catalog is offered: the currencies the marketplace sells in (prices exist per
 * currency, never converted), the currency used when a request names none, the default
 * page size, how old a shown stock level may be ({@code availability-max-age}, 0 reads
 * the stock store on every request), and how long caches (CDNs, browsers) may keep a
 * public catalog answer: fresh for {@code cache-max-age}, then served stale for up to
 * {@code cache-stale-while-revalidate} while they revalidate it with its ETag.
 */
@Validated
@ConfigurationProperties("surge.catalog")
public record CatalogProperties(@DefaultValue( {
        "EUR", "USD", "GBP" }) @NotEmpty List<Currency> currencies, @DefaultValue("EUR") Currency defaultCurrency,
        @DefaultValue("20") @Min(1) @Max(100) int defaultPageSize, @DefaultValue("1s") Duration availabilityMaxAge,
        @DefaultValue("1s") Duration cacheMaxAge, @DefaultValue("4s") Duration cacheStaleWhileRevalidate){

    public CatalogProperties {
        currencies = List.copyOf(currencies);
        if (!currencies.contains(defaultCurrency)) {
            throw new IllegalArgumentException(
                    "surge.catalog.default-currency " + defaultCurrency + " must be one of " + currencies);
        }
        for (Duration age : List.of(availabilityMaxAge, cacheMaxAge, cacheStaleWhileRevalidate)) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("surge.catalog durations must not be negative: " + age);
            }
        }
    }

    /**
     * The offered currency named by {@code code} (any case), the default one when none is
     * named; answers {@code unknown-currency} otherwise.
     */
    public Currency offered(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return defaultCurrency;
        }
        return currencies.stream()
            .filter(offered -> offered.getCurrencyCode().equals(code.strip().toUpperCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> new ApiProblem(ProblemType.UNKNOWN_CURRENCY,
                    "The catalog is not sold in '" + (code.length() > 10 ? code.substring(0, 10) + "..." : code) + "'.",
                    Map.of("supportedCurrencies", currencies.stream().map(Currency::getCurrencyCode).toList())));
    }

}
