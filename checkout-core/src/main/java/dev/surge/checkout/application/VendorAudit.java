package dev.surge.checkout.application;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.surge.checkout.domain.AuditEntry;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorAccount;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.ConcurrentVendorUpdate;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import reactor.core.publisher.Mono;

/** How vendors and members appear in the audit log. */
final class VendorAudit {

    private VendorAudit() {
    }

    static String target(VendorId vendor) {
        return "vendor:" + vendor;
    }

    static String memberTarget(VendorId vendor, String subject) {
        return "member:" + vendor + "/" + subject;
    }

    static Map<String, Object> state(VendorAccount vendor) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", vendor.name());
        state.put("status", vendor.status().name());
        if (vendor.statusReason() != null) {
            state.put("reason", vendor.statusReason());
        }
        state.put("commissionBps", vendor.commissionRate().value());
        state.put("payoutsEnabled", vendor.payoutsEnabled());
        if (vendor.payoutsReleased()) {
            state.put("payoutsReleased", vendor.payoutsReleaseReason());
        }
        state.put("autoApprovesProducts", vendor.autoApprovesProducts());
        return state;
    }

    /**
     * Stores {@code changed} with its audit entry in one transaction, if the vendor has
     * not moved since it was read; errors with {@link ConcurrentVendorUpdate} otherwise
     * (for {@link ConcurrentUpdates#retried}).
     */
    static Mono<VendorAccount> recorded(VendorAccounts accounts, AuditLog audit, Transactions transactions,
            VendorAccount changed, AuditEntry entry) {
        return transactions.inTransaction(() -> accounts.record(changed)
            .flatMap(stored -> stored ? audit.record(entry).thenReturn(changed)
                    : Mono.error(new ConcurrentVendorUpdate("vendor " + changed.id()))));
    }

    static Map<String, Object> state(Membership member) {
        return Map.of("subject", member.subject(), "role", member.role().label());
    }

}
