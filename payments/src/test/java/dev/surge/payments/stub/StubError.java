package dev.surge.payments.stub;

import com.google.gson.JsonObject;

/**
 * An error answered in Stripe's format: {@code {"error": {"type", "code", "message",
 * ...}}}.
 */
final class StubError extends RuntimeException {

    final int status;

    final JsonObject error;

    StubError(int status, JsonObject error) {
        super(error.has("message") ? error.get("message").getAsString() : "stub error");
        this.status = status;
        this.error = error;
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
        StubError failure = of(400, "invalid_request_error", code, message);
        if (param != null) {
            failure.error.addProperty("param", param);
        }
        return failure;
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
