package dev.surge.payments.stub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's form encoding as stripe-java writes it ({@code metadata[order_id]=...},
 * {@code payment_method_types[0]=card}), kept flat by full key. Sorted, so two requests
 * with the same parameters compare equal whatever their order on the wire.
 */
record FormParams(Map<String, String> values) {

    static FormParams parse(String encoded) {
        Map<String, String> values = new TreeMap<>();
        if (encoded != null && !encoded.isBlank()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.put(key, value);
            }
        }
        return new FormParams(Map.copyOf(values));
    }

    /** Whether the request asks to expand this path ({@code expand[]=path}). */
    boolean expands(String path) {
        return values.entrySet()
            .stream()
            .anyMatch(entry -> entry.getKey().startsWith("expand[") && path.equals(entry.getValue()));
    }

    String get(String key) {
        return values.get(key);
    }

    String require(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw StubError.invalidRequest("parameter_missing", key, "Missing required param: " + key + ".");
        }
        return value;
    }

    long requireLong(String key) {
        return parseLong(key, require(key));
    }

    Long optionalLong(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : parseLong(key, value);
    }

    /** The entries of a hash parameter such as {@code metadata}, by inner key. */
    Map<String, String> hash(String name) {
        Map<String, String> hash = new TreeMap<>();
        String prefix = name + "[";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.endsWith("]")) {
                hash.put(key.substring(prefix.length(), key.length() - 1), value);
            }
        });
        return hash;
    }

    /** A canonical form of all parameters, to tell a replay from a different request. */
    String canonical() {
        return new TreeMap<>(values).toString();
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException notANumber) {
            throw StubError.invalidRequest("parameter_invalid_integer", key, "Invalid integer: " + value);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

}
