package dev.valhalla.server.flags;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SQL of SDK registrations and of the evaluation counts SDKs report, summed per flag, hour and application. */
final class ClientMetricsStore {

    /**
     * One flag's counts in a reported bucket.
     *
     * @param yes      evaluations that were on
     * @param no       evaluations that were off
     * @param variants evaluations per variant name
     */
    record ToggleCount(long yes, long no, Map<String, Long> variants) {
    }

    /**
     * One hour of a flag's counts over every application.
     *
     * @param hour     start of the hour (UTC)
     * @param yes      evaluations that were on
     * @param no       evaluations that were off
     * @param variants evaluations per variant name
     */
    record HourCounts(Instant hour, long yes, long no, Map<String, Long> variants) {
    }

    /**
     * An SDK instance as it registered.
     *
     * @param appName    application name
     * @param instanceId instance id
     * @param sdkVersion SDK name and version, or null
     * @param environment environment, or null
     * @param strategies strategy names the SDK implements (JSON array)
     * @param startedAt  when the SDK started, or null
     * @param intervalMs its metrics interval, or null
     */
    record Registration(String appName, String instanceId, String sdkVersion, String environment, JsonNode strategies,
                        Instant startedAt, Long intervalMs) {
    }

    private final Handle handle;

    ClientMetricsStore(Handle handle) {
        this.handle = handle;
    }

    void register(Registration registration, Instant now) {
        handle.createUpdate("""
                        INSERT INTO flag_client_instance (app_name, instance_id, sdk_version, environment, strategies,
                                                          started_at, interval_ms, registered_at, last_seen_at)
                        VALUES (:app, :instance, :sdk, :environment, CAST(:strategies AS jsonb), :started, :interval, :now, :now)
                        ON CONFLICT (app_name, instance_id) DO UPDATE SET sdk_version = EXCLUDED.sdk_version,
                            environment = EXCLUDED.environment, strategies = EXCLUDED.strategies,
                            started_at = EXCLUDED.started_at, interval_ms = EXCLUDED.interval_ms,
                            registered_at = EXCLUDED.registered_at, last_seen_at = EXCLUDED.last_seen_at""")
                .bind("app", registration.appName()).bind("instance", registration.instanceId())
                .bind("sdk", registration.sdkVersion()).bind("environment", registration.environment())
                .bind("strategies", registration.strategies().toString())
                .bind("started", registration.startedAt() == null ? null : at(registration.startedAt()))
                .bind("interval", registration.intervalMs()).bind("now", at(now))
                .execute();
    }

    /** Adds a bucket's counts to the hour it started in. */
    void add(String appName, Instant hour, Map<String, ToggleCount> toggles) {
        PreparedBatch counts = handle.prepareBatch("""
                INSERT INTO flag_metric_hour (flag_name, hour, app_name, yes, no) VALUES (:flag, :hour, :app, :yes, :no)
                ON CONFLICT (flag_name, hour, app_name) DO UPDATE
                    SET yes = flag_metric_hour.yes + EXCLUDED.yes, no = flag_metric_hour.no + EXCLUDED.no""");
        PreparedBatch variants = handle.prepareBatch("""
                INSERT INTO flag_variant_metric_hour (flag_name, hour, app_name, variant, count)
                VALUES (:flag, :hour, :app, :variant, :count)
                ON CONFLICT (flag_name, hour, app_name, variant) DO UPDATE
                    SET count = flag_variant_metric_hour.count + EXCLUDED.count""");
        // sorted, so concurrent reports lock rows in the same order and cannot deadlock
        for (Map.Entry<String, ToggleCount> toggle : new TreeMap<>(toggles).entrySet()) {
            counts.bind("flag", toggle.getKey()).bind("hour", at(hour)).bind("app", appName)
                    .bind("yes", toggle.getValue().yes()).bind("no", toggle.getValue().no()).add();
            for (Map.Entry<String, Long> variant : new TreeMap<>(toggle.getValue().variants()).entrySet()) {
                variants.bind("flag", toggle.getKey()).bind("hour", at(hour)).bind("app", appName)
                        .bind("variant", variant.getKey()).bind("count", variant.getValue()).add();
            }
        }
        if (counts.size() > 0) {
            counts.execute();
        }
        if (variants.size() > 0) {
            variants.execute();
        }
    }

    /** The flag's counts per hour since {@code since}, oldest first. */
    List<HourCounts> hours(String flag, Instant since) {
        record VariantRow(Instant hour, String variant, long count) {
        }
        List<VariantRow> variantRows = handle.createQuery("""
                        SELECT hour, variant, sum(count) AS count FROM flag_variant_metric_hour
                        WHERE flag_name = :flag AND hour >= :since GROUP BY hour, variant ORDER BY hour, variant""")
                .bind("flag", flag).bind("since", at(since))
                .map((rs, ctx) -> new VariantRow(rs.getObject("hour", OffsetDateTime.class).toInstant(),
                        rs.getString("variant"), rs.getLong("count")))
                .list();
        Map<Instant, Map<String, Long>> variants = new TreeMap<>();
        variantRows.forEach(row -> variants.computeIfAbsent(row.hour(), h -> new TreeMap<>()).put(row.variant(), row.count()));
        return handle.createQuery("""
                        SELECT hour, sum(yes) AS yes, sum(no) AS no FROM flag_metric_hour
                        WHERE flag_name = :flag AND hour >= :since GROUP BY hour ORDER BY hour""")
                .bind("flag", flag).bind("since", at(since))
                .map((rs, ctx) -> {
                    Instant hour = rs.getObject("hour", OffsetDateTime.class).toInstant();
                    return new HourCounts(hour, rs.getLong("yes"), rs.getLong("no"), variants.getOrDefault(hour, Map.of()));
                })
                .list();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
