package dev.surge.api.messaging;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Whether order events reach Kafka: {@code UP} while the outbox drains, {@code DEGRADED}
 * (HTTP 200) when its oldest unpublished event waits longer than a minute (Kafka is away:
 * checkouts go on, events wait), with the backlog and the vendor feed's state. Not part
 * of readiness.
 */
final class MessagingHealth implements ReactiveHealthIndicator {

    private static final Status DEGRADED = new Status("DEGRADED", "order events wait in the outbox");

    private static final Duration LAG_ALLOWED = Duration.ofMinutes(1);

    private final DatabaseClient database;

    private final KafkaVendorEventFeed feed;

    MessagingHealth(DatabaseClient database, KafkaVendorEventFeed feed) {
        this.database = database;
        this.feed = feed;
    }

    @Override
    public Mono<Health> health() {
        return database
            .sql("SELECT count(*) AS waiting, coalesce(extract(epoch FROM now() - min(occurred_at)), 0) AS oldest "
                    + "FROM outbox WHERE published_at IS NULL")
            .map(row -> {
                long waiting = row.get("waiting", Long.class);
                double oldestSeconds = ((Number) row.get("oldest")).doubleValue();
                Health.Builder health = oldestSeconds > LAG_ALLOWED.toSeconds() ? Health.status(DEGRADED) : Health.up();
                return health.withDetail("unpublishedEvents", waiting)
                    .withDetail("oldestUnpublishedSeconds", Math.round(oldestSeconds))
                    .withDetail("vendorFeedRunning", feed.isRunning())
                    .build();
            })
            .one();
    }

}
