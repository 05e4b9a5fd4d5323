package dev.surge.api.web;

import dev.surge.checkout.domain.Sha256;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Public answers that a CDN or a browser may keep: {@code Cache-Control} public with the
 * catalog's max-age and stale-while-revalidate window, and a strong {@code ETag} over the
 * exact bytes, so a revalidation of an unchanged answer gets {@code 304} (answered by
 * WebFlux for a GET whose {@code If-None-Match} matches) and any change, a price or a
 * stock level, gets the new answer. Serialised here, once, because the validator must
 * describe the bytes sent.
 */
public final class CacheableJson {

    /**
     * 128 bits of SHA-256: a collision between two versions of one answer is not a
     * concern.
     */
    private static final int ETAG_BYTES = 16;

    private final JsonMapper json;

    private final CacheControl cacheControl;

    public CacheableJson(JsonMapper json, CatalogProperties catalog) {
        this.json = json;
        this.cacheControl = CacheControl.maxAge(catalog.cacheMaxAge())
            .cachePublic()
            .staleWhileRevalidate(catalog.cacheStaleWhileRevalidate());
    }

    public ResponseEntity<byte[]> ok(Object body) {
        byte[] bytes = json.writeValueAsBytes(body);
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .cacheControl(cacheControl)
            .eTag(etag(bytes))
            .body(bytes);
    }

    private static String etag(byte[] bytes) {
        byte[] digest = Arrays.copyOf(Sha256.digest(bytes), ETAG_BYTES);
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
    }

}
