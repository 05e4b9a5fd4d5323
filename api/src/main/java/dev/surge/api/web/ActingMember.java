package dev.surge.api.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.surge.checkout.domain.VendorRole;

/**
 * Marks a handler's {@link dev.surge.checkout.domain.Membership} parameter: the vendor
 * the caller acts for and their role there, read from the vendor's members (never from
 * the token) by {@link ActingMembers}. A member whose role does not cover
 * {@link #value()} gets {@code 403 vendor-role-required}. Where operators may act for any
 * vendor ({@link #orOperator()}), an operator's request gets {@code null} instead.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ActingMember {

    /** The role the work needs (an owner covers every role); none: any member. */
    VendorRole[] value() default {};

    /**
     * Whether an operator may do the work for any vendor: the parameter is then
     * {@code null} for an operator.
     */
    boolean orOperator() default false;

}
