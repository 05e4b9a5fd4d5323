package dev.surge.checkout.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One write by an operator or a vendor member: who, when, what it did to which target,
 * and the target's state before and after (absent where it did not exist). {@code vendor}
 * is the vendor whose data it touched, whose members may read it.
 *
 * @param action a stable dotted name such as {@code vendor.suspended} or
 * {@code member.added}
 * @param target what it acted on, as a typed reference such as {@code vendor:<id>}
 */
public record AuditEntry(Instant at, Actor actor, @Nullable VendorId vendor, String action, String target,
        @Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        action = Text.required(action, "action", 100);
        target = Text.required(target, "target", 200);
        before = before == null ? null : Map.copyOf(before);
        after = after == null ? null : Map.copyOf(after);
    }

}
