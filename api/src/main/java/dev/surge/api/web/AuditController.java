package dev.surge.api.web;

import java.util.List;
import java.util.Map;

import dev.surge.checkout.application.ReadAuditLog;
import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.port.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The audit log: every write by an operator or a vendor member, newest first. Operators
 * read all of it; a vendor's owners read what touched their vendor.
 */
@RestController
@Tag(name = "Audit log", description = "Who changed what, when, from what to what")
@SecurityRequirement(name = "bearer")
public class AuditController {

    private static final int DEFAULT_LIMIT = 50;

    private final ReadAuditLog readAuditLog;

    public AuditController(ReadAuditLog readAuditLog) {
        this.readAuditLog = readAuditLog;
    }

    public record EntryJson(String at, String actor, String role, @Nullable String vendorId, String action,
            String target, @Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {

        static EntryJson of(AuditLog.Recorded recorded) {
            var entry = recorded.entry();
            return new EntryJson(entry.at().toString(), entry.actor().subject(), entry.actor().role(),
                    entry.vendor() == null ? null : entry.vendor().toString(), entry.action(), entry.target(),
                    entry.before(), entry.after());
        }

    }

    public record EntriesJson(List<EntryJson> items, @Nullable String nextCursor) {
    }

    @GetMapping(path = "/api/v1/admin/audit", produces = "application/json")
    @Operation(summary = "The audit log (operators); filter by actor (subject) and target (e.g. vendor:<id>)")
    public Mono<EntriesJson> all(@RequestParam(required = false) @Size(max = 255) @Nullable String actor,
            @RequestParam(required = false) @Size(max = 200) @Nullable String target,
            @RequestParam(required = false) @Size(max = 100) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        return read(actor, target, null, cursor, limit);
    }

    @GetMapping(path = "/api/v1/vendor/audit", produces = "application/json")
    @Operation(summary = "What was done to your vendor's data, by its members and by operators (owners)")
    public Mono<EntriesJson> vendors(@ActingMember(VendorRole.OWNER) Membership member,
            @RequestParam(required = false) @Size(max = 255) @Nullable String actor,
            @RequestParam(required = false) @Size(max = 100) @Nullable String cursor,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit) {
        return read(actor, null, member, cursor, limit);
    }

    private Mono<EntriesJson> read(@Nullable String actor, @Nullable String target, @Nullable Membership member,
            @Nullable String cursor, @Nullable Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return Mono
            .fromCallable(() -> new AuditLog.Query(blankToNull(actor), blankToNull(target),
                    member == null ? null : member.vendor(), Cursors.position(cursor)))
            .flatMap(query -> readAuditLog.read(query, size))
            .map(entries -> new EntriesJson(entries.stream().map(EntryJson::of).toList(),
                    entries.size() < size ? null : Cursors.of(entries.getLast().position())));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
