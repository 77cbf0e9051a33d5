package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.valhalla.server.audit.AuditEntry;
import dev.valhalla.server.audit.AuditTrail;
import dev.valhalla.server.core.error.NotFoundException;
import dev.valhalla.server.core.error.ValidationException;
import dev.valhalla.server.core.events.ChangeNotifier;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The writes of the registry, each inside the request's transaction: the key's row is locked, the
 * precondition checked against its current version, the new version written to {@code config_entry}
 * and appended to {@code config_version}, the change audited (before/after) and announced on
 * {@value #TOPIC} — all of which commit or roll back together. Thread-safe.
 */
final class ConfigRegistry {

    /** The change topic every instance's snapshot reloads on. */
    static final String TOPIC = "config.registry";

    private final AuditTrail audit;
    private final ChangeNotifier notifier;
    private final ConfigSnapshot snapshot;
    private final SecretDetector secrets;
    private final Clock clock;

    ConfigRegistry(AuditTrail audit, ChangeNotifier notifier, ConfigSnapshot snapshot, SecretDetector secrets, Clock clock) {
        this.audit = audit;
        this.notifier = notifier;
        this.snapshot = snapshot;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * What the audit trail records of a value.
     *
     * @param type        the type
     * @param value       the value
     * @param version     the version
     * @param description the description
     */
    record AuditedValue(String type, JsonNode value, long version, String description) {
        static AuditedValue of(ConfigEntry entry) {
            return new AuditedValue(entry.type(), entry.value(), entry.version(), entry.description());
        }
    }

    /** Creates or updates a key. */
    ConfigEntry put(Handle handle, ConfigKey name, ConfigRequests.Change change, Preconditions conditions, String actor) {
        ConfigStore store = store(handle);
        Optional<ConfigEntry> current = store.lock(name);
        conditions.check(current.map(entry -> OptionalLong.of(entry.version())).orElse(OptionalLong.empty()));
        if (current.isPresent() && !current.get().type().equals(change.type().wireName())) {
            throw ValidationException.of("type", "the key holds type " + current.get().type()
                    + "; to change its type, delete the key and create it again");
        }
        long version = current.isPresent() ? current.get().version() + 1 : store.lastVersion(name).orElse(0) + 1;
        ConfigEntry written = new ConfigEntry(name.namespace(), name.key(), change.type().wireName(), change.value(), version,
                change.description(), actor, now());
        ConfigEntry after = current.isPresent() ? store.update(written) : store.insert(written).orElseThrow(() ->
                ConfigPreconditionException.failed("The key was created by another request meanwhile; read it and retry",
                        OptionalLong.empty()));
        String action = current.isPresent() ? "update" : "create";
        record(handle, store, action, current.orElse(null), after, change.reason());
        return after;
    }

    /** Gives a key the value and description of one of its earlier versions, as a new version. */
    ConfigEntry rollback(Handle handle, ConfigKey name, long version, String reason, Preconditions conditions, String actor) {
        ConfigStore store = store(handle);
        ConfigEntry current = store.lock(name).orElseThrow(() -> notFound(name));
        conditions.checkExisting(current.version());
        ConfigVersion target = store.version(name, version).orElseThrow(() -> ValidationException.of("version",
                "this key has no version " + version + "; its latest is " + current.version()));
        if (target.value() == null) {
            throw ValidationException.of("version", "version " + version + " deleted the key; roll back to a version with a value");
        }
        if (!target.type().equals(current.type())) {
            throw ValidationException.of("version", "version " + version + " has type " + target.type()
                    + " but the key now holds type " + current.type());
        }
        Optional<String> secret = secrets.inValue(target.value());
        if (secret.isPresent()) {
            throw ValidationException.of("version", "version " + version + ": " + secret.get());
        }
        ConfigEntry after = store.update(new ConfigEntry(name.namespace(), name.key(), current.type(), target.value(),
                current.version() + 1, target.description(), actor, now()));
        record(handle, store, "rollback", current, after, reason);
        return after;
    }

    /** Deletes a key; its history stays, and re-creating it continues its version numbers. */
    void delete(Handle handle, ConfigKey name, String reason, Preconditions conditions, String actor) {
        ConfigStore store = store(handle);
        ConfigEntry current = store.lock(name).orElseThrow(() -> notFound(name));
        conditions.checkExisting(current.version());
        long version = current.version() + 1;
        store.delete(name);
        store.append(name, new ConfigVersion(version, "delete", current.type(), null, current.description(), actor, now(),
                reason));
        audit.record(handle, new AuditEntry(actor, "config.delete", "config_key", name.qualified(),
                AuditedValue.of(current), null, reason));
        notifier.publish(handle, TOPIC);
        handle.afterCommit(() -> snapshot.removed(name, version));
    }

    static NotFoundException notFound(ConfigKey name) {
        return new NotFoundException(ConfigErrorCode.CONFIG_KEY_NOT_FOUND, "No configuration key " + name.qualified());
    }

    private void record(Handle handle, ConfigStore store, String action, ConfigEntry before, ConfigEntry after, String reason) {
        store.append(after.name(), new ConfigVersion(after.version(), action, after.type(), after.value(), after.description(),
                after.updatedBy(), after.updatedAt(), reason));
        audit.record(handle, new AuditEntry(after.updatedBy(), "config." + action, "config_key", after.name().qualified(),
                before == null ? null : AuditedValue.of(before), AuditedValue.of(after), reason));
        notifier.publish(handle, TOPIC);
        handle.afterCommit(() -> snapshot.applied(after));
    }

    private static ConfigStore store(Handle handle) {
        return new ConfigStore(handle);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
