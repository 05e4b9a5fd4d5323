package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.VendorId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Every write by an operator or a vendor member, kept for good. Recorded in the same unit
 * of work as the write it describes (see {@link Transactions}), so neither is kept
 * without the other.
 */
public interface AuditLog {

    /** Completes once the entry is written (committed with the surrounding work). */
    Mono<Void> record(AuditEntry entry);

    /**
     * Emits the entries matching {@code query}, newest first, at most {@code limit}; each
     * with the position to continue after.
     */
    Mono<List<Recorded>> read(Query query, int limit);

    /** An entry and its place in the log (later entries have larger positions). */
    record Recorded(long position, AuditEntry entry) {
    }

    /**
     * Which entries: every given filter must match; {@code before} continues a page
     * (entries older than that position).
     */
    record Query(@Nullable String actor, @Nullable String target, @Nullable VendorId vendor, @Nullable Long before) {
    }

}
