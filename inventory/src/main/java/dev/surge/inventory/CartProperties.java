package dev.surge.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the carts in Redis.
 *
 * @param ttl how long a cart lives after it was last read or changed
 */
@ConfigurationProperties("surge.carts")
public record CartProperties(@DefaultValue("30d") Duration ttl) {

    public CartProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("surge.carts.ttl must be positive");
        }
    }

}
