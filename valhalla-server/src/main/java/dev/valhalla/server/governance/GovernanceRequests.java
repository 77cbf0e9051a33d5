package dev.valhalla.server.governance;

import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ValidationException;

import java.util.ArrayList;
import java.util.List;

/** Request bodies of the admin governance routes; each validates itself, listing every invalid field. */
final class GovernanceRequests {

    static final int MAX_REASON = 1000;
    static final int MAX_TEXT = 10_000;

    private GovernanceRequests() {
    }

    /** {@code POST /system/governance/go-live}. */
    record GoLiveChange(Boolean enabled, String reason) {
        GoLiveChange {
            List<FieldError> errors = new ArrayList<>();
            required(errors, "enabled", enabled);
            reason = checkedReason(errors, reason);
            failOn(errors);
        }
    }

    /** {@code POST /system/governance/kill-switch}. */
    record KillSwitchChange(Boolean engaged, String reason) {
        KillSwitchChange {
            List<FieldError> errors = new ArrayList<>();
            required(errors, "engaged", engaged);
            reason = checkedReason(errors, reason);
            failOn(errors);
        }
    }

    /** {@code PUT /system/governance/metadata}: replaces version, completion and notes. */
    record MetadataChange(String version, Boolean backendComplete, String notes, String reason) {
        MetadataChange {
            List<FieldError> errors = new ArrayList<>();
            required(errors, "version", version);
            if (version != null && version.length() > 200) {
                errors.add(new FieldError("version", "at most 200 characters"));
            }
            required(errors, "backendComplete", backendComplete);
            notes = notes == null ? "" : notes;
            if (notes.length() > MAX_TEXT) {
                errors.add(new FieldError("notes", "at most " + MAX_TEXT + " characters"));
            }
            reason = checkedReason(errors, reason);
            failOn(errors);
        }
    }

    private static void required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "required"));
        }
    }

    private static String checkedReason(List<FieldError> errors, String reason) {
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "required: say why"));
            return reason;
        }
        if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "at most " + MAX_REASON + " characters"));
        }
        return reason.strip();
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
