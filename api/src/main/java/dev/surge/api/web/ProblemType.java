package dev.surge.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem Surge answers with (RFC 9457). The {@code type} URI ends in a
 * stable slug that clients may switch on; the title is fixed per type, the detail is
 * written per occurrence.
 */
public enum ProblemType {

    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    VALIDATION_FAILED("validation-failed", "Request validation failed", HttpStatus.BAD_REQUEST),
    UNKNOWN_CURRENCY("unknown-currency", "Unknown currency", HttpStatus.BAD_REQUEST),
    INVALID_CURSOR("invalid-cursor", "Invalid cursor", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", HttpStatus.FORBIDDEN),
    VENDOR_ROLE_REQUIRED("vendor-role-required", "Vendor role required", HttpStatus.FORBIDDEN),
    VENDOR_AMBIGUOUS("vendor-ambiguous", "Which vendor?", HttpStatus.BAD_REQUEST),
    VENDOR_NOT_FOUND("vendor-not-found", "Vendor not found", HttpStatus.NOT_FOUND),
    MEMBER_NOT_FOUND("member-not-found", "Member not found", HttpStatus.NOT_FOUND),
    ALREADY_A_MEMBER("already-a-member", "Already a member", HttpStatus.CONFLICT),
    LAST_OWNER("last-owner", "Last owner", HttpStatus.CONFLICT),
    VENDOR_STATE_CONFLICT("vendor-state-conflict", "Vendor state conflict", HttpStatus.CONFLICT),
    PRODUCT_STATE_CONFLICT("product-state-conflict", "Product state conflict", HttpStatus.CONFLICT),
    SKU_TAKEN("sku-taken", "SKU taken", HttpStatus.CONFLICT),
    COMMISSION_RULE_CLASH("commission-rule-clash", "Commission rule clash", HttpStatus.CONFLICT),
    COMMISSION_RULE_NOT_FOUND("commission-rule-not-found", "Commission rule not found", HttpStatus.NOT_FOUND),
    NOT_FOUND("not-found", "Resource not found", HttpStatus.NOT_FOUND),
    PRODUCT_NOT_FOUND("product-not-found", "Product not found", HttpStatus.NOT_FOUND),
    SKU_NOT_FOUND("sku-not-found", "SKU not found", HttpStatus.NOT_FOUND),
    CART_NOT_FOUND("cart-not-found", "Cart not found", HttpStatus.NOT_FOUND),
    ORDER_NOT_FOUND("order-not-found", "Order not found", HttpStatus.NOT_FOUND),
    EMPTY_CART("empty-cart", "Empty cart", HttpStatus.UNPROCESSABLE_CONTENT),
    INSUFFICIENT_STOCK("insufficient-stock", "Insufficient stock", HttpStatus.CONFLICT),
    PURCHASE_LIMIT("purchase-limit", "Purchase limit", HttpStatus.CONFLICT),
    TOO_MANY_OPEN_ORDERS("too-many-open-orders", "Too many open orders", HttpStatus.CONFLICT),
    ITEMS_UNAVAILABLE("items-unavailable", "Items unavailable", HttpStatus.CONFLICT),
    PRICE_CHANGED("price-changed", "Price changed", HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", "Idempotency key in flight", HttpStatus.CONFLICT),
    PAYMENT_DECLINED("payment-declined", "Payment declined", HttpStatus.PAYMENT_REQUIRED),
    ORDER_STATE_CONFLICT("order-state-conflict", "Order state conflict", HttpStatus.CONFLICT),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    INVALID_WEBHOOK_SIGNATURE("invalid-webhook-signature", "Invalid webhook signature", HttpStatus.BAD_REQUEST),
    PAYMENT_UNAVAILABLE("payment-unavailable", "Payment provider unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    PAYMENT_REFUSED("payment-refused", "Payment request refused", HttpStatus.CONFLICT),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    OVERLOADED("overloaded", "Overloaded", HttpStatus.SERVICE_UNAVAILABLE),
    RATE_LIMITED("rate-limited", "Rate limited", HttpStatus.TOO_MANY_REQUESTS),
    TOO_MANY_PAYMENT_ATTEMPTS("too-many-payment-attempts", "Too many payment attempts", HttpStatus.TOO_MANY_REQUESTS),
    QUEUED("queued", "Queued", HttpStatus.TOO_MANY_REQUESTS),
    TOO_MANY_STREAMS("too-many-streams", "Too many event streams", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal server error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** Where the problem types are documented; each type is this base plus its slug. */
    public static final String BASE_URI = "https://surge.dev/problems/";

    private final String slug;

    private final String title;

    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** The generic type for an HTTP status raised by the framework itself. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> INTERNAL_ERROR;
        };
    }

}
