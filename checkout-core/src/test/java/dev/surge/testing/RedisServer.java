package dev.surge.testing;

import java.net.URI;
import java.util.Objects;

/** A reachable Redis server; {@code source} says where it came from, for logs. */
public record RedisServer(String host, int port, String source) {

    public RedisServer {
        Objects.requireNonNull(host, "host");
    }

    public static RedisServer fromUrl(String url, String source) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected redis://host:port, got " + url);
        }
        return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), source);
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }
}
