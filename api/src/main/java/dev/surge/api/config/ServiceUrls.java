package dev.surge.api.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Surge's one-URL-per-service settings into the Spring properties the drivers read:
 * a {@code postgresql://user:password@host:port/database} URL becomes the R2DBC URL the
 * application uses and the JDBC URL Flyway migrates through; a {@code redis://} URL
 * passes through.
 */
final class ServiceUrls {

    private ServiceUrls() {
    }

    static Map<String, Object> postgres(String url) {
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "SURGE_POSTGRES_URL must look like postgresql://user:password@host:5432/database, got scheme '"
                            + uri.getScheme() + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("SURGE_POSTGRES_URL has no host: " + redacted(uri));
        }
        String[] credentials = uri.getRawUserInfo() == null ? new String[] { "postgres" }
                : uri.getRawUserInfo().split(":", 2);
        String user = decode(credentials[0]);
        String password = credentials.length > 1 ? decode(credentials[1]) : "";
        String hostPortDatabase = uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath());
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();

        Map<String, Object> properties = new LinkedHashMap<>();
        // libpq spells it sslmode, r2dbc-postgresql sslMode; the JDBC driver takes
        // libpq's names.
        properties.put("spring.r2dbc.url",
                "r2dbc:postgresql://" + hostPortDatabase + query.replace("sslmode=", "sslMode="));
        properties.put("spring.r2dbc.username", user);
        properties.put("spring.r2dbc.password", password);
        properties.put("spring.flyway.url", "jdbc:postgresql://" + hostPortDatabase + query);
        properties.put("spring.flyway.user", user);
        properties.put("spring.flyway.password", password);
        return properties;
    }

    static Map<String, Object> redis(String url) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "SURGE_REDIS_URL must look like redis://host:6379, got scheme '" + uri.getScheme() + "'");
        }
        return Map.of("spring.data.redis.url", url);
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://***@" + uri.getRawAuthority();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

}
