package dev.valhalla.server.maintenance;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of the maintenance API. Each reports every invalid field at once (422); checks
 * against the current time are made by {@code errors(now)} in the handler, before anything is written.
 */
final class MaintenanceRequests {

    static final int MAX_REASON = 500;
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final Duration MAX_LEAD = Duration.ofDays(366);

    private MaintenanceRequests() {
    }

    /**
     * {@code PUT /system/maintenance/state}.
     *
     * @param state       {@code normal}, {@code read_only} or {@code maintenance}
     * @param frozen      whether configuration changes are refused; null keeps the current value
     * @param reason      why (required)
     * @param expectedEnd when the state should end, for {@code Retry-After}; optional, in the future
     */
    record StateChange(String state, Boolean frozen, String reason, Instant expectedEnd) {

        List<FieldError> errors(Instant now) {
            List<FieldError> errors = new ArrayList<>();
            if (state == null || MaintenanceState.parse(state).isEmpty()) {
                errors.add(new FieldError("state", "required: one of normal, read_only, maintenance"));
            }
            checkReason(reason, errors);
            if (expectedEnd != null && !expectedEnd.isAfter(now)) {
                errors.add(new FieldError("expectedEnd", "must be in the future"));
            }
            if (expectedEnd != null && expectedEnd.isAfter(now.plus(MAX_LEAD))) {
                errors.add(new FieldError("expectedEnd", "must be within " + MAX_LEAD.toDays() + " days"));
            }
            return errors;
        }

        MaintenanceState parsedState() {
            return MaintenanceState.parse(state).orElseThrow();
        }
    }

    /**
     * {@code POST /system/maintenance} and {@code PUT /system/maintenance/{id}}.
     *
     * @param state    {@code read_only} or {@code maintenance}
     * @param startsAt first instant of the window
     * @param endsAt   first instant after it; in the future, after {@code startsAt}, at most 31 days later
     * @param reason   why (required)
     */
    record Window(String state, Instant startsAt, Instant endsAt, String reason) {

        List<FieldError> errors(Instant now) {
            List<FieldError> errors = new ArrayList<>();
            if (state == null || !(state.equals("read_only") || state.equals("maintenance"))) {
                errors.add(new FieldError("state", "required: read_only or maintenance"));
            }
            if (startsAt == null) {
                errors.add(new FieldError("startsAt", "required: an ISO-8601 instant"));
            } else if (startsAt.isAfter(now.plus(MAX_LEAD))) {
                errors.add(new FieldError("startsAt", "must be within " + MAX_LEAD.toDays() + " days"));
            }
            if (endsAt == null) {
                errors.add(new FieldError("endsAt", "required: an ISO-8601 instant"));
            } else if (!endsAt.isAfter(now)) {
                errors.add(new FieldError("endsAt", "must be in the future"));
            }
            if (startsAt != null && endsAt != null) {
                if (!endsAt.isAfter(startsAt)) {
                    errors.add(new FieldError("endsAt", "must be after startsAt"));
                } else if (Duration.between(startsAt, endsAt).compareTo(MAX_WINDOW) > 0) {
                    errors.add(new FieldError("endsAt", "a window lasts at most " + MAX_WINDOW.toDays() + " days"));
                }
            }
            checkReason(reason, errors);
            return errors;
        }
    }

    static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void checkReason(String reason, List<FieldError> errors) {
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "at most " + MAX_REASON + " characters"));
        }
    }
}
