package dev.surge.checkout.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * Whoever a purchase cap counts: a signed-in customer by subject, a guest by e-mail
 * address, normalised (trimmed, lower case, without a {@code +tag} in the local part) so
 * {@code Ada+1@Example.com} and {@code ada@example.com} are one buyer. Kept as a digest:
 * the caps' store never holds an address.
 */
public record Buyer(String key) {

    public Buyer {
        Objects.requireNonNull(key, "key");
    }

    public static Buyer customer(CustomerId customer) {
        return new Buyer("c" + Sha256.hex("customer:" + customer.value()).substring(0, 32));
    }

    public static Buyer guest(String email) {
        return new Buyer("g" + Sha256.hex("email:" + normalisedEmail(email)).substring(0, 32));
    }

    static String normalisedEmail(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return address;
        }
        String local = address.substring(0, at);
        int tag = local.indexOf('+');
        return (tag > 0 ? local.substring(0, tag) : local) + address.substring(at);
    }

}
