package dev.surge.api.web;

import dev.surge.checkout.domain.ProductId;
import dev.surge.checkout.port.ProductCursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Opaque page cursors: the sort key of a page's last product, base64url-encoded so
 * clients pass it back as is and do not build it themselves.
 */
final class ProductCursors {

    private static final String VERSION = "p1";

    private ProductCursors() {
    }

    static String encode(ProductCursor cursor) {
        String raw = VERSION + "|" + cursor.id() + "|" + cursor.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Errors with an {@code invalid-cursor} problem when the text is not a cursor this
     * API handed out.
     */
    static ProductCursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid(text);
            }
            return new ProductCursor(parts[2], new ProductId(UUID.fromString(parts[1])));
        }
        catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static ApiProblem invalid(String text) {
        return new ApiProblem(ProblemType.INVALID_CURSOR,
                "The cursor is not one this API handed out; pass nextCursor from the previous page unchanged.",
                Map.of("cursor", text.length() > 100 ? text.substring(0, 100) : text));
    }

}
