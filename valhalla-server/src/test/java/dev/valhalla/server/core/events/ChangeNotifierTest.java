package dev.valhalla.server.core.events;

import dev.valhalla.server.core.config.DatabaseSettings;
import dev.valhalla.server.core.config.PoolSettings;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class ChangeNotifierTest {

    private static DatabaseSettings settings(TestDatabase db) {
        PoolSettings pool = new PoolSettings(2, 0, Duration.ofSeconds(5), Duration.ZERO);
        return new DatabaseSettings(Optional.of(db.jdbcUrl()), Optional.empty(), Optional.empty(), Optional.empty(),
                Path.of("unused"), pool, pool, Duration.ofSeconds(2));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static void publishCommitted(Jdbi jdbi, ChangeNotifier notifier, String topic) {
        jdbi.useTransaction(handle -> notifier.publish(handle, topic));
    }

    @Test
    void delivers_committed_changes_to_subscribers_of_both_instances_and_ignores_rolled_back_ones(TestDatabase db) {
        Jdbi jdbi = Jdbi.create(db.jdbcUrl());
        try (ChangeNotifier first = new ChangeNotifier(settings(db), Duration.ofHours(1));
             ChangeNotifier second = new ChangeNotifier(settings(db), Duration.ofHours(1))) {
            AtomicInteger firstCalls = new AtomicInteger();
            AtomicInteger secondCalls = new AtomicInteger();
            AtomicInteger otherTopic = new AtomicInteger();
            first.subscribe("test.rules", firstCalls::incrementAndGet);
            second.subscribe("test.rules", secondCalls::incrementAndGet);
            second.subscribe("test.other", otherTopic::incrementAndGet);
            first.start();
            second.start();

            try (Handle handle = jdbi.open()) {
                handle.begin();
                first.publish(handle, "test.rules");
                handle.rollback();
            }
            publishCommitted(jdbi, first, "test.rules");

            await("both instances notified", () -> firstCalls.get() == 1 && secondCalls.get() == 1);
            assertThat(otherTopic).hasValue(0);
            // the rolled-back publish never arrives: one delivery each, then the next one
            publishCommitted(jdbi, second, "test.other");
            await("other topic notified", () -> otherTopic.get() == 1);
            assertThat(firstCalls).hasValue(1);
            assertThat(secondCalls).hasValue(1);
        }
    }

    @Test
    void recovers_after_its_connection_is_killed_refreshes_everyone_and_still_delivers(TestDatabase db) {
        Jdbi jdbi = Jdbi.create(db.jdbcUrl());
        try (ChangeNotifier notifier = new ChangeNotifier(settings(db), Duration.ofHours(1))) {
            AtomicInteger calls = new AtomicInteger();
            notifier.subscribe("test.rules", calls::incrementAndGet);
            notifier.start();
            int pid = notifier.backendPid();
            assertThat(pid).isPositive();

            boolean terminated = jdbi.withHandle(handle -> handle.createQuery("SELECT pg_terminate_backend(:pid)")
                    .bind("pid", pid).mapTo(Boolean.class).one());
            assertThat(terminated).isTrue();

            await("reconnected", () -> notifier.connections() == 2 && notifier.backendPid() > 0);
            assertThat(notifier.backendPid()).isNotEqualTo(pid);
            // notifications may have been missed while disconnected: every subscriber was called
            await("refreshed after reconnect", () -> calls.get() == 1);

            publishCommitted(jdbi, notifier, "test.rules");
            await("delivered after reconnect", () -> calls.get() == 2);
        }
    }

    @Test
    void refreshes_every_subscriber_periodically_without_notifications(TestDatabase db) {
        try (ChangeNotifier notifier = new ChangeNotifier(settings(db), Duration.ofMillis(300))) {
            AtomicInteger calls = new AtomicInteger();
            notifier.subscribe("test.quiet", calls::incrementAndGet);
            notifier.start();
            await("two periodic refreshes", () -> calls.get() >= 2);
            assertThat(notifier.delivered()).isZero();
        }
    }

    @Test
    void a_failing_subscriber_does_not_stop_the_others(TestDatabase db) {
        Jdbi jdbi = Jdbi.create(db.jdbcUrl());
        try (ChangeNotifier notifier = new ChangeNotifier(settings(db), Duration.ofHours(1))) {
            AtomicInteger calls = new AtomicInteger();
            notifier.subscribe("test.rules", () -> {
                throw new IllegalStateException("reload failed");
            });
            notifier.subscribe("test.rules", calls::incrementAndGet);
            notifier.start();
            publishCommitted(jdbi, notifier, "test.rules");
            await("second subscriber called", () -> calls.get() == 1);
            publishCommitted(jdbi, notifier, "test.rules");
            await("listener still alive", () -> calls.get() == 2);
        }
    }

    @Test
    void rejects_topics_that_are_not_simple_names(TestDatabase db) {
        try (ChangeNotifier notifier = new ChangeNotifier(settings(db), Duration.ofHours(1))) {
            assertThatThrownBy(() -> notifier.subscribe("bad topic; DROP", () -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> notifier.subscribe("", () -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
