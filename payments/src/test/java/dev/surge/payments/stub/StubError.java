package dev.surge.payments.stub;

import com.google.gson.JsonObject;

/**
 * An error answered in Stripe's format: {@code {"error": {"type", "code", "message",
 * ...}}}.
 */
final class StubError extends RuntimeException {

    final int status;

    final JsonObject error;

    /**
     * Whether Stripe keeps this answer for the idempotency key: not when the parameters
     * failed validation (nothing started executing), otherwise yes, a 500 included.
     */
    final boolean storedForReplay;

    StubError(int status, JsonObject error) {
        this(status, error, true);
    }

    StubError(int status, JsonObject error, boolean storedForReplay) {
        super(error.has("message") ? error.get("message").getAsString() : "stub error");
        this.status = status;
        this.error = error;
        this.storedForReplay = storedForReplay;
    }

    static StubError of(int status, String type, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", message);
        return new StubError(status, error);
    }

    static StubError invalidRequest(String code, String param, String message) {
        JsonObject error = of(400, "invalid_request_error", code, message).error;
        if (param != null) {
            error.addProperty("param", param);
        }
        return new StubError(400, error, code == null || !code.startsWith("parameter_"));
    }

    static StubError missing(String kind, String id) {
        StubError failure = of(404, "invalid_request_error", "resource_missing", "No such " + kind + ": '" + id + "'");
        failure.error.addProperty("param", "id");
        return failure;
    }

    static StubError unexpectedState(String message) {
        return invalidRequest("payment_intent_unexpected_state", null, message);
    }

    JsonObject body() {
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body;
    }

}
