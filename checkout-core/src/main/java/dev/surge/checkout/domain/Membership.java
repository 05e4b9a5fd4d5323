package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * A person in a vendor's team: the subject of their tokens, and their role there. A
 * person may be a member of several vendors, in one role each.
 */
public record Membership(VendorId vendor, String subject, VendorRole role) {

    public Membership {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(role, "role");
        subject = Text.required(subject, "subject", 255);
    }

    public boolean mayActAs(VendorRole needed) {
        return role.covers(needed);
    }

}
