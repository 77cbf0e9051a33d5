package dev.valhalla.server.systemlog;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A search of the system log ({@code GET /system/logs}), newest first.
 *
 * @param levels        levels to return: the requested level and the ones above it
 * @param from          inclusive lower bound of the event time
 * @param to            exclusive upper bound of the event time
 * @param correlationId exact correlation id
 * @param logger        logger name or a prefix of it ({@code dev.valhalla.server.keys})
 * @param text          case-insensitive substring of the message
 * @param limit         events per page, 1 to {@value #MAX_LIMIT}
 * @param before        the cursor: only events older than this id
 */
record LogQuery(List<String> levels, Optional<Instant> from, Optional<Instant> to, Optional<String> correlationId,
                Optional<String> logger, Optional<String> text, int limit, Optional<Long> before) {

    static final int MAX_LIMIT = 1_000;
    static final int DEFAULT_LIMIT = 100;
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final int MAX_TEXT = 500;

    /** Reads the query parameters, reporting every invalid one at once (422). */
    static LogQuery of(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        List<String> levels = LEVELS;
        String level = ctx.queryParam("level");
        if (level != null) {
            int index = LEVELS.indexOf(level.trim().toUpperCase(Locale.ROOT));
            if (index < 0) {
                errors.add(new FieldError("level", "unknown level '" + level + "'; expected one of " + LEVELS));
            } else {
                levels = LEVELS.subList(index, LEVELS.size());
            }
        }
        Optional<Instant> from = instant(ctx, "from", errors);
        Optional<Instant> to = instant(ctx, "to", errors);
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        int limit = limit(ctx, MAX_LIMIT, DEFAULT_LIMIT, errors);
        Optional<Long> before = Optional.empty();
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            try {
                long id = Long.parseLong(cursor);
                if (id < 1) {
                    throw new NumberFormatException();
                }
                before = Optional.of(id);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("cursor", "not a cursor returned as nextCursor"));
            }
        }
        Optional<String> correlationId = text(ctx, "correlationId", errors);
        Optional<String> logger = text(ctx, "logger", errors);
        Optional<String> text = text(ctx, "q", errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new LogQuery(levels, from, to, correlationId, logger, text, limit, before);
    }

    static Optional<Instant> instant(Context ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "expected an ISO-8601 instant such as 2025-06-01T12:00:00Z, got '" + value + "'"));
            return Optional.empty();
        }
    }

    static int limit(Context ctx, int max, int fallback, List<FieldError> errors) {
        String value = ctx.queryParam("limit");
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "expected an integer from 1 to " + max + ", got '" + value + "'"));
        return fallback;
    }

    private static Optional<String> text(Context ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(name, "at most " + MAX_TEXT + " characters"));
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }
}
