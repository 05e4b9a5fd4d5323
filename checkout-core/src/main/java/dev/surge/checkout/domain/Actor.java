package dev.surge.checkout.domain;

import java.util.Objects;

/**
 * Who made a change, as the audit log records it: the token's subject and the role they
 * acted in ({@code operator}, a vendor role such as {@code editor}, or {@code customer}).
 */
public record Actor(String subject, String role) {

    public Actor {
        subject = Text.required(subject, "subject", 255);
        Objects.requireNonNull(role, "role");
    }

    public static Actor operator(String subject) {
        return new Actor(subject, "operator");
    }

    public static Actor member(Membership member) {
        return new Actor(member.subject(), member.role().label());
    }

}
