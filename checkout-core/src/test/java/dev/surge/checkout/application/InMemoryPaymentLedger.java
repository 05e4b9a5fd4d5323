package dev.surge.checkout.application;

import dev.surge.checkout.domain.PaymentEvent;
import dev.surge.checkout.domain.PaymentIntentId;
import dev.surge.checkout.domain.PaymentRecord;
import dev.surge.checkout.port.ConcurrentPaymentUpdate;
import dev.surge.checkout.port.PaymentLedger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A payment ledger in maps that checks versions the way the real one does. Writes made
 * through the port while a {@link #begin() unit of work} is open are rolled back with it;
 * {@link #storedElsewhere} plays another writer whose unit of work already committed. One
 * unit of work at a time: tests drive it sequentially.
 */
final class InMemoryPaymentLedger implements PaymentLedger {

    private final Map<PaymentIntentId, PaymentRecord> records = new ConcurrentHashMap<>();

    private final Set<String> seenEventIds = ConcurrentHashMap.newKeySet();

    private final Queue<Runnable> beforeSaves = new ConcurrentLinkedQueue<>();

    private volatile @Nullable UnitOfWork open;

    final AtomicInteger saves = new AtomicInteger();

    /** Stores {@code record} as if committed long ago, at version 1 at least. */
    InMemoryPaymentLedger with(PaymentRecord record) {
        records.put(record.payment(), atLeastVersionOne(record));
        return this;
    }

    /**
     * Runs {@code action} at the start of the next save, before its version is checked.
     */
    InMemoryPaymentLedger beforeNextSave(Runnable action) {
        beforeSaves.add(action);
        return this;
    }

    /** Another writer commits {@code record}, whatever unit of work is open here. */
    void storedElsewhere(PaymentRecord record) {
        records.merge(record.payment(), atLeastVersionOne(record),
                (stored, next) -> withVersion(next, stored.version() + 1));
    }

    Optional<PaymentRecord> record(PaymentIntentId payment) {
        return Optional.ofNullable(records.get(payment));
    }

    boolean seen(String eventId) {
        return seenEventIds.contains(eventId);
    }

    @Override
    public Mono<Sighting> sight(PaymentEvent event) {
        return Mono.fromSupplier(() -> {
            boolean first = seenEventIds.add(event.eventId());
            UnitOfWork unit = open;
            if (first && unit != null) {
                unit.undo.push(() -> seenEventIds.remove(event.eventId()));
            }
            return new Sighting(first, Optional.ofNullable(records.get(event.payment())));
        });
    }

    @Override
    public Mono<Known> known(PaymentEvent event) {
        // Orders are not kept here: callers settle as if the order's status were unknown.
        return Mono.fromSupplier(() -> new Known(seenEventIds.contains(event.eventId()),
                Optional.ofNullable(records.get(event.payment())), Optional.empty()));
    }

    @Override
    public Mono<PaymentRecord> find(PaymentIntentId payment) {
        return Mono.fromSupplier(() -> records.get(payment));
    }

    @Override
    public Mono<PaymentRecord> save(PaymentRecord record) {
        return Mono.fromSupplier(() -> {
            Runnable beforeSave = beforeSaves.poll();
            if (beforeSave != null) {
                beforeSave.run();
            }
            PaymentRecord before = records.get(record.payment());
            long storedVersion = before == null ? 0 : before.version();
            if (storedVersion != record.version()) {
                throw new ConcurrentPaymentUpdate("payment " + record.payment() + " is at version " + storedVersion
                        + ", not " + record.version());
            }
            PaymentRecord saved = withVersion(record, storedVersion + 1);
            records.put(record.payment(), saved);
            saves.incrementAndGet();
            UnitOfWork unit = open;
            if (unit != null) {
                unit.undo.push(() -> {
                    if (before == null) {
                        records.remove(record.payment());
                    }
                    else {
                        records.put(record.payment(), before);
                    }
                });
            }
            return saved;
        });
    }

    /**
     * Opens a unit of work; until it ends, writes through the port can be rolled back.
     */
    UnitOfWork begin() {
        if (open != null) {
            throw new IllegalStateException("this fake runs one unit of work at a time");
        }
        UnitOfWork unit = new UnitOfWork();
        open = unit;
        return unit;
    }

    private static PaymentRecord atLeastVersionOne(PaymentRecord record) {
        return record.isStored() ? record : withVersion(record, 1);
    }

    private static PaymentRecord withVersion(PaymentRecord record, long version) {
        return new PaymentRecord(record.payment(), record.orderId(), record.status(), record.declineCode(),
                record.chargeId(), record.refunded(), record.fullyRefunded(), record.disputed(), record.lastEventAt(),
                version);
    }

    /**
     * The writes of one unit of work, newest first, as the steps that undo them. It ends
     * once: a cancel arriving after it committed or rolled back changes nothing.
     */
    final class UnitOfWork {

        private final Deque<Runnable> undo = new ArrayDeque<>();

        private boolean ended;

        /** Keeps the writes; {@code false} if the unit had already ended. */
        boolean commit() {
            return end();
        }

        /** Undoes the writes; {@code false} if the unit had already ended. */
        boolean rollBack() {
            if (ended) {
                return false;
            }
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            return end();
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            if (open == this) {
                open = null;
            }
            return true;
        }

    }

}
