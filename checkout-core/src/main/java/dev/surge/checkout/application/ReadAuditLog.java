package dev.surge.checkout.application;

import java.util.List;

import dev.surge.checkout.port.AuditLog;
import reactor.core.publisher.Mono;

/**
 * The audit log as operators read it (all of it) and vendor members read it (what touched
 * their vendor: the query is scoped by the caller).
 */
public final class ReadAuditLog {

    private final AuditLog audit;

    public ReadAuditLog(AuditLog audit) {
        this.audit = audit;
    }

    public Mono<List<AuditLog.Recorded>> read(AuditLog.Query query, int limit) {
        return audit.read(query, limit);
    }

}
