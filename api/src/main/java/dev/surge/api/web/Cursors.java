package dev.surge.api.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Opaque list cursors: the position of the last item a page held, encoded so clients pass
 * it back rather than build it.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String of(Object position) {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(position.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static @Nullable UUID uuid(@Nullable String cursor) {
        return read(cursor, UUID::fromString);
    }

    public static @Nullable String text(@Nullable String cursor) {
        return read(cursor, text -> text);
    }

    /** A place in a list ordered by time, then id. */
    public record TimeAndId(Instant at, UUID id) {
    }

    public static String of(Instant at, UUID id) {
        return of(at + "|" + id);
    }

    public static @Nullable TimeAndId timeAndId(@Nullable String cursor) {
        return read(cursor, text -> {
            String[] parts = text.split("\\|", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a time and an id");
            }
            try {
                return new TimeAndId(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            }
            catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    public static @Nullable Long position(@Nullable String cursor) {
        return read(cursor, Long::valueOf);
    }

    /**
     * @throws ApiProblem {@code invalid-cursor} for anything this API did not hand out
     */
    private static <T> @Nullable T read(@Nullable String cursor, Function<String, T> parse) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return parse.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException e) {
            throw new ApiProblem(ProblemType.INVALID_CURSOR, "The cursor was not handed out by this API.",
                    Map.of("cursor", cursor));
        }
    }

}
