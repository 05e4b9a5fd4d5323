package dev.surge.api.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.surge.checkout.domain.PricedCart;
import dev.surge.checkout.domain.PricedLine;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.Totals;
import org.jspecify.annotations.Nullable;

/**
 * A cart on the wire, priced by the server. {@code token} appears once, when a guest cart
 * is created; {@code unavailable} lists SKUs no longer for sale (left out of the totals;
 * checkout refuses until they are removed).
 */
public record CartJson(String id, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token, String currency,
        String country, List<LineJson> lines, TotalsJson totals, List<String> unavailable) {

    static CartJson of(PricedCart priced, @Nullable String token) {
        return new CartJson(priced.cart().id().toString(), token, priced.cart().currency().getCurrencyCode(),
                priced.cart().country().value(), priced.lines().stream().map(LineJson::of).toList(),
                TotalsJson.of(priced.totals()), priced.unavailable().stream().map(Sku::value).toList());
    }

    public record LineJson(String sku, String productId, String vendorId, String name, int quantity,
            MoneyJson unitPrice, MoneyJson lineTotal, MoneyJson tax) {

        static LineJson of(PricedLine line) {
            return new LineJson(line.sku().value(), line.productId().value().toString(),
                    line.vendorId().value().toString(), line.name(), line.quantity(), MoneyJson.of(line.unitPrice()),
                    MoneyJson.of(line.lineTotal()), MoneyJson.of(line.tax()));
        }

    }

    public record TotalsJson(MoneyJson subtotal, MoneyJson tax, MoneyJson shipping, MoneyJson total) {

        static TotalsJson of(Totals totals) {
            return new TotalsJson(MoneyJson.of(totals.subtotal()), MoneyJson.of(totals.tax()),
                    MoneyJson.of(totals.shipping()), MoneyJson.of(totals.total()));
        }

    }

}
