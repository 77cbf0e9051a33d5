package dev.valhalla.migrate.schema;

import dev.valhalla.migrate.schema.SchemaDifference.Change;
import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class SchemaDiffTest {

    private static final String SCHEMA = """
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE TABLE items (id bigint PRIMARY KEY, quantity integer DEFAULT 0, mood mood);
            CREATE INDEX items_quantity_idx ON items (quantity);
            CREATE VIEW big_items AS SELECT id FROM items WHERE quantity > 10;
            CREATE FUNCTION double_it(value integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT value * 2';
            """;

    @Test
    void reports_a_column_type_change(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "DROP VIEW big_items; ALTER TABLE items ALTER COLUMN quantity TYPE bigint;"
                + " CREATE VIEW big_items AS SELECT id FROM items WHERE quantity > 10;");

        assertThat(diff.lines()).containsExactly(
                "~ column public.items.quantity: expected integer DEFAULT 0, actual bigint DEFAULT 0");
    }

    @Test
    void reports_a_default_change(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "ALTER TABLE items ALTER COLUMN quantity SET DEFAULT 1;");

        assertThat(diff.lines()).containsExactly(
                "~ column public.items.quantity: expected integer DEFAULT 0, actual integer DEFAULT 1");
    }

    @Test
    void reports_a_dropped_index(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "DROP INDEX items_quantity_idx;");

        assertThat(diff.lines()).containsExactly(
                "- index public.items_quantity_idx: CREATE INDEX items_quantity_idx ON public.items USING btree (quantity)");
        assertThat(diff.differences().get(0).change()).isEqualTo(Change.REMOVED);
    }

    @Test
    void reports_a_new_constraint(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "ALTER TABLE items ADD CONSTRAINT items_quantity_check CHECK (quantity >= 0);");

        assertThat(diff.lines()).containsExactly(
                "+ constraint public.items.items_quantity_check: CHECK ((quantity >= 0))");
        assertThat(diff.differences().get(0).change()).isEqualTo(Change.ADDED);
    }

    @Test
    void reports_a_changed_view(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "CREATE OR REPLACE VIEW big_items AS SELECT id FROM items WHERE quantity > 100;");

        assertThat(diff.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.change()).isEqualTo(Change.CHANGED);
            assertThat(difference.kind()).isEqualTo("view");
            assertThat(difference.expected()).contains("quantity > 10;");
            assertThat(difference.actual()).contains("quantity > 100;");
        });
    }

    @Test
    void reports_a_changed_function_body(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "CREATE OR REPLACE FUNCTION double_it(value integer) RETURNS integer"
                + " LANGUAGE sql IMMUTABLE AS 'SELECT value + value';");

        assertThat(diff.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.change()).isEqualTo(Change.CHANGED);
            assertThat(difference.toString()).startsWith("~ function public.double_it(value integer): expected RETURNS");
            assertThat(difference.expected()).isNotEqualTo(difference.actual());
        });
    }

    @Test
    void reports_an_enum_value_added(TestDatabase db) throws SQLException {
        SchemaDiff diff = diffAfter(db, "ALTER TYPE mood ADD VALUE 'calm' BEFORE 'sad';");

        assertThat(diff.lines()).containsExactly("~ enum public.mood: expected ('happy', 'sad'), actual ('happy', 'calm', 'sad')");
    }

    @Test
    void renders_every_difference_on_its_own_line_sorted_by_object() {
        SchemaSnapshot expected = SchemaSnapshot.of(List.of(
                new SchemaObject("table", "public.a", ""),
                new SchemaObject("column", "public.a.id", "integer")));
        SchemaSnapshot actual = SchemaSnapshot.of(List.of(
                new SchemaObject("column", "public.a.id", "bigint"),
                new SchemaObject("index", "public.a_idx", "CREATE INDEX a_idx ON public.a USING btree (id)")));

        SchemaDiff diff = SchemaDiff.between(expected, actual);

        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.text()).isEqualTo("""
                ~ column public.a.id: expected integer, actual bigint
                + index public.a_idx: CREATE INDEX a_idx ON public.a USING btree (id)
                - table public.a""");
        assertThat(SchemaDiff.between(expected, expected).text()).isEqualTo("no differences");
    }

    private static SchemaDiff diffAfter(TestDatabase db, String change) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(db.jdbcUrl(), new Properties());
             Connection connection = scratch.connect();
             Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            SchemaSnapshot before = SchemaSnapshot.capture(connection);
            statement.execute(change);
            return SchemaDiff.between(before, SchemaSnapshot.capture(connection));
        }
    }
}
