package dev.valhalla.server.configregistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valhalla.server.core.db.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live configuration held in memory, so that services' reads never query the database: for each
 * namespace, the response body of {@code GET /api/config/{namespace}} rendered once per change, and its
 * {@code ETag} (a hash of that body, so every instance computes the same tag for the same content).
 *
 * <p>{@link #reload()} reads every live key from the primary (never a replica, which may lag behind
 * the notification that triggered the reload); it runs on start, when a change is announced on any
 * instance and on the notifier's periodic refresh. {@link #applied} and {@link #removed} update it at
 * once after this instance commits a change, so a writer reads its own write.
 *
 * <p>Thread-safe: reads take a volatile map; updates are serialized.
 */
final class ConfigSnapshot {

    /**
     * One namespace as served.
     *
     * @param etag the strong entity tag, quoted
     * @param body the JSON body
     */
    record View(String etag, String body) {
    }

    private final Database database;
    private final ObjectMapper mapper;
    private volatile Map<String, Map<String, ConfigEntry>> entries = Map.of();
    private volatile Map<String, View> views = Map.of();

    ConfigSnapshot(Database database, ObjectMapper mapper) {
        this.database = database;
        this.mapper = mapper;
    }

    /** The namespace as served; a namespace without keys is an empty one (services may start before it is filled). */
    View view(String namespace) {
        View view = views.get(namespace);
        return view != null ? view : render(namespace, Map.of());
    }

    /** Replaces the snapshot with every live key in the database. */
    synchronized void reload() {
        List<ConfigEntry> all = database.inTransaction(handle -> new ConfigStore(handle).all());
        Map<String, Map<String, ConfigEntry>> loaded = new HashMap<>();
        for (ConfigEntry entry : all) {
            loaded.computeIfAbsent(entry.namespace(), n -> new TreeMap<>()).put(entry.key(), entry);
        }
        install(loaded, loaded.keySet());
    }

    /** Takes in a change this instance committed, unless the snapshot already holds a newer version. */
    synchronized void applied(ConfigEntry entry) {
        Map<String, ConfigEntry> namespace = entries.getOrDefault(entry.namespace(), Map.of());
        ConfigEntry held = namespace.get(entry.key());
        if (held != null && held.version() >= entry.version()) {
            return;
        }
        Map<String, ConfigEntry> changed = new TreeMap<>(namespace);
        changed.put(entry.key(), entry);
        replace(entry.namespace(), changed);
    }

    /** Takes in a delete this instance committed, unless the key was re-created since. */
    synchronized void removed(ConfigKey name, long deletedVersion) {
        Map<String, ConfigEntry> namespace = entries.getOrDefault(name.namespace(), Map.of());
        ConfigEntry held = namespace.get(name.key());
        if (held == null || held.version() > deletedVersion) {
            return;
        }
        Map<String, ConfigEntry> changed = new TreeMap<>(namespace);
        changed.remove(name.key());
        replace(name.namespace(), changed);
    }

    private void replace(String namespace, Map<String, ConfigEntry> namespaceEntries) {
        Map<String, Map<String, ConfigEntry>> changed = new HashMap<>(entries);
        if (namespaceEntries.isEmpty()) {
            changed.remove(namespace);
        } else {
            changed.put(namespace, namespaceEntries);
        }
        install(changed, List.of(namespace));
    }

    private void install(Map<String, Map<String, ConfigEntry>> all, Iterable<String> renderAgain) {
        Map<String, View> rendered = new HashMap<>(views);
        rendered.keySet().retainAll(all.keySet());
        for (String namespace : renderAgain) {
            if (all.containsKey(namespace)) {
                rendered.put(namespace, render(namespace, all.get(namespace)));
            }
        }
        entries = Map.copyOf(all);
        views = Map.copyOf(rendered);
    }

    private View render(String namespace, Map<String, ConfigEntry> namespaceEntries) {
        ObjectNode body = mapper.createObjectNode();
        body.put("namespace", namespace);
        ObjectNode values = body.putObject("entries");
        for (ConfigEntry entry : new ArrayList<>(namespaceEntries.values())) {
            Map<String, Object> served = new LinkedHashMap<>();
            served.put("type", entry.type());
            served.put("value", entry.value());
            served.put("version", entry.version());
            values.set(entry.key(), mapper.valueToTree(served));
        }
        try {
            String json = mapper.writeValueAsString(body);
            return new View(etag(json), json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
