package dev.surge.checkout.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cart priced on the server, from the catalog's current offers and the pricing rules.
 * Prices are net: tax is added on top, per line, at the destination country's rate for
 * the line's tax class, rounded half up once per line; each vendor charges its flat
 * shipping fee once (shipping is not taxed). Every total is a sum of rounded parts, so
 * the vendor shares add up to the cart's totals to the cent.
 *
 * @param unavailable SKUs in the cart that are no longer for sale (left out of the
 * totals)
 */
public record PricedCart(Cart cart, List<PricedLine> lines, Totals totals, List<VendorShare> vendors,
        List<Sku> unavailable) {

    public PricedCart {
        Objects.requireNonNull(cart, "cart");
        Objects.requireNonNull(totals, "totals");
        lines = List.copyOf(lines);
        vendors = List.copyOf(vendors);
        unavailable = List.copyOf(unavailable);
    }

    /** Prices {@code cart}; SKUs without an offer are reported as unavailable. */
    public static PricedCart price(Cart cart, Map<Sku, Offer> offers, PricingRules rules) {
        if (!rules.currency().equals(cart.currency()) || !rules.country().equals(cart.country())) {
            throw new IllegalArgumentException("pricing rules are for another currency or country than the cart");
        }
        List<PricedLine> lines = new ArrayList<>();
        List<Sku> unavailable = new ArrayList<>();
        Map<VendorId, Totals> byVendor = new LinkedHashMap<>();
        for (CartLine line : cart.lines()) {
            Offer offer = offers.get(line.sku());
            if (offer == null || !offer.unitPrice().currency().equals(cart.currency())) {
                unavailable.add(line.sku());
                continue;
            }
            Money lineTotal = offer.unitPrice().times(line.quantity());
            Money tax = rules.taxRate(offer.taxClass()).of(lineTotal);
            lines.add(new PricedLine(line.sku(), offer.productId(), offer.vendorId(), offer.name(), line.quantity(),
                    offer.unitPrice(), lineTotal, tax));
            Totals lineTotals = Totals.of(lineTotal, tax, Money.zero(cart.currency()));
            byVendor.merge(offer.vendorId(), lineTotals, Totals::plus);
        }
        List<VendorShare> vendors = new ArrayList<>();
        Totals totals = Totals.zero(cart.currency());
        for (var entry : byVendor.entrySet()) {
            Money shipping = rules.shippingFee(entry.getKey());
            Totals share = entry.getValue()
                .plus(Totals.of(Money.zero(cart.currency()), Money.zero(cart.currency()), shipping));
            vendors.add(new VendorShare(entry.getKey(), share));
            totals = totals.plus(share);
        }
        return new PricedCart(cart, lines, totals, vendors, unavailable);
    }

    public boolean isCheckoutReady() {
        return !lines.isEmpty() && unavailable.isEmpty();
    }

}
