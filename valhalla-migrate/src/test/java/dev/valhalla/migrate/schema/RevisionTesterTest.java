package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.apply.MigrateSettings;
import dev.valhalla.migrate.apply.MigrationListener;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class RevisionTesterTest {

    @Test
    void passes_revisions_that_downgrade_cleanly(TestDatabase db) {
        RevisionTestResult result = tester(db).test(Fixtures.graph("correct"));

        assertThat(result.ok()).isTrue();
        assertThat(result.phases()).extracting(TestPhase::name)
                .containsExactly("baseline", "upgrade", "downgrade", "re-upgrade");
        assertThat(result.phases().get(1).revisions()).containsExactly("0001_users", "0002_users_email");
        assertThat(result.phases().get(2).revisions()).containsExactly("0002_users_email", "0001_users");
        assertThat(result.phases().get(3).revisions()).containsExactly("0001_users", "0002_users_email");
        assertThat(result.phases().get(1).objects()).isGreaterThan(result.phases().get(0).objects());
        assertThat(result.text()).contains("ok   downgrade").contains("schema equals the baseline");
    }

    @Test
    void catches_a_downgrade_that_forgets_to_drop_an_index(TestDatabase db) {
        RevisionTestResult result = tester(db).test(Fixtures.graph("forgotten_index_drop"));

        assertThat(result.ok()).isFalse();
        TestPhase downgrade = result.phases().get(2);
        assertThat(downgrade.ok()).isFalse();
        assertThat(downgrade.compared()).isEqualTo("the schema before 0002_users_email");
        assertThat(downgrade.diff().lines()).containsExactly(
                "+ index public.users_name_idx: CREATE INDEX users_name_idx ON public.users USING btree (name)");
        assertThat(result.text()).contains("FAIL downgrade").contains("+ index public.users_name_idx");
    }

    @Test
    void drops_its_scratch_database(TestDatabase db) throws Exception {
        RevisionTestResult result = tester(db).test(Fixtures.graph("correct"));

        try (var connection = db.connect();
             var statement = connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            statement.setString(1, result.scratchDatabase());
            try (var row = statement.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isZero();
            }
        }
    }

    private static RevisionTester tester(TestDatabase db) {
        return new RevisionTester(db.jdbcUrl(), new Properties(), MigrateSettings.defaults(), MigrationListener.NONE);
    }
}
