package dev.valhalla.server.audit;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters of {@code GET /system/audit}; every given filter must match. Entries come newest first;
 * {@code beforeId} pages on from the previous page's {@code nextBeforeId}.
 */
record AuditQuery(String actor, String action, String targetType, String targetId, Instant from, Instant to,
                  int limit, Long beforeId) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Reads the query parameters, reporting every invalid one at once (422). */
    static AuditQuery from(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant(ctx, "from", errors);
        Instant to = instant(ctx, "to", errors);
        long limit = number(ctx, "limit", DEFAULT_LIMIT, errors);
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
        }
        Long beforeId = ctx.queryParam("beforeId") == null ? null : number(ctx, "beforeId", 0, errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after 'to'"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new AuditQuery(text(ctx, "actor"), text(ctx, "action"), text(ctx, "targetType"), text(ctx, "targetId"),
                from, to, (int) limit, beforeId);
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(Context ctx, String name, List<FieldError> errors) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "expected an ISO-8601 instant such as 2025-06-01T12:00:00Z"));
            return null;
        }
    }

    private static long number(Context ctx, String name, long fallback, List<FieldError> errors) {
        String value = text(ctx, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "expected an integer"));
            return fallback;
        }
    }
}
