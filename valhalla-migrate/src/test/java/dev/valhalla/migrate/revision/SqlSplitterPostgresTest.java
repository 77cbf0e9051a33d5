package dev.valhalla.migrate.revision;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs split statements on a real PostgreSQL: each piece must be exactly one statement the server accepts. */
@ExtendWith(PostgresExtension.class)
class SqlSplitterPostgresTest {

    @Test
    void every_split_statement_runs_on_postgresql(TestDatabase db) throws Exception {
        Path file = Path.of(Objects.requireNonNull(
                getClass().getResource("/revision/postgres/001_tricky_statements.sql")).toURI());
        Revision revision = RevisionParser.parse(file);

        assertThat(revision.upgrade()).extracting(SqlStatement::line).containsExactly(6, 8, 11, 20, 25, 27, 31);
        assertThat(revision.upgrade().get(2).lintIgnores()).containsExactly("PG999");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (SqlStatement sql : revision.upgrade()) {
                statement.execute(sql.sql());
            }
            assertThat(rows(statement, "SELECT \"semi;colon\" || '|' || note FROM \"odd;name\" ORDER BY 1")).containsExactly(
                    "dollar; 'quoted'| $$ ; ", "it's; one|back\\slash; and 'quote'");
            assertThat(rows(statement, "SELECT plpgsql_body('a')")).containsExactly("a;");
            assertThat(rows(statement, "SELECT atomic_body(-7)::text")).containsExactly("7");
            assertThat(rows(statement, "EXECUTE positional(2, 3)")).containsExactly("5");
            assertThat(rows(statement, "SELECT definition FROM pg_rules WHERE rulename = 'mirror'"))
                    .singleElement().asString().contains("NOTIFY mirror_one", "NOTIFY mirror_two");
        }
    }

    private static List<String> rows(Statement statement, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
