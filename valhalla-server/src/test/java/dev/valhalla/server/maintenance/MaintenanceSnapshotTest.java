package dev.valhalla.server.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceSnapshotTest {

    private static final Instant NOW = Instant.parse("2030-05-05T10:00:00Z");

    private static ConfiguredState manual(MaintenanceState state, Instant expectedEnd) {
        return new ConfiguredState(state, true, "by hand", expectedEnd, "admin/k", NOW.minusSeconds(3600));
    }

    private static MaintenanceWindow window(long id, MaintenanceState state, Duration from, Duration to) {
        return new MaintenanceWindow(id, state, NOW.plus(from), NOW.plus(to), "window " + id, "admin/k", NOW.minusSeconds(7200), null, null);
    }

    @Test
    void a_running_window_makes_the_manual_state_stricter_until_its_end() {
        MaintenanceSnapshot snapshot = new MaintenanceSnapshot(manual(MaintenanceState.NORMAL, null),
                List.of(window(1, MaintenanceState.READ_ONLY, Duration.ofMinutes(-5), Duration.ofMinutes(5))));

        EffectiveState effective = snapshot.effectiveAt(NOW);

        assertThat(effective.state()).isEqualTo(MaintenanceState.READ_ONLY);
        assertThat(effective.source()).isEqualTo("window");
        assertThat(effective.windowId()).isEqualTo(1L);
        assertThat(effective.frozen()).isTrue();
        assertThat(effective.retryAfter(NOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_window_never_relaxes_a_stricter_manual_state() {
        MaintenanceSnapshot snapshot = new MaintenanceSnapshot(manual(MaintenanceState.MAINTENANCE, NOW.plusSeconds(90)),
                List.of(window(1, MaintenanceState.READ_ONLY, Duration.ofMinutes(-5), Duration.ofMinutes(5))));

        EffectiveState effective = snapshot.effectiveAt(NOW);

        assertThat(effective.state()).isEqualTo(MaintenanceState.MAINTENANCE);
        assertThat(effective.source()).isEqualTo("manual");
        assertThat(effective.retryAfter(NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void overlapping_windows_of_one_state_last_until_the_later_end_and_windows_count_only_while_they_run() {
        MaintenanceSnapshot snapshot = new MaintenanceSnapshot(manual(MaintenanceState.NORMAL, null), List.of(
                window(1, MaintenanceState.READ_ONLY, Duration.ofMinutes(-10), Duration.ofMinutes(5)),
                window(2, MaintenanceState.READ_ONLY, Duration.ofMinutes(-1), Duration.ofMinutes(30)),
                window(3, MaintenanceState.MAINTENANCE, Duration.ofMinutes(40), Duration.ofMinutes(50))));

        assertThat(snapshot.effectiveAt(NOW).until()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(snapshot.effectiveAt(NOW.plus(Duration.ofMinutes(35))).state()).isEqualTo(MaintenanceState.NORMAL);
        assertThat(snapshot.effectiveAt(NOW.plus(Duration.ofMinutes(40))).state()).isEqualTo(MaintenanceState.MAINTENANCE);
        assertThat(snapshot.effectiveAt(NOW.plus(Duration.ofMinutes(50))).state()).isEqualTo(MaintenanceState.NORMAL);
    }

    @Test
    void an_unknown_end_asks_clients_to_retry_in_a_minute() {
        EffectiveState effective = new MaintenanceSnapshot(manual(MaintenanceState.READ_ONLY, null), List.of()).effectiveAt(NOW);

        assertThat(effective.retryAfter(NOW)).isEqualTo(EffectiveState.UNKNOWN_END_RETRY);
    }
}
