package dev.valhalla.migrate.schema;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class SchemaSnapshotTest {

    private static final String TYPES_AND_TABLES_FIRST = """
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
            CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
            ALTER TABLE users ADD COLUMN mood mood DEFAULT 'happy';
            CREATE TABLE orders (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), total positive);
            CREATE INDEX orders_user_idx ON orders (user_id);
            CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE SEQUENCE invoice_numbers START 1000;
            """;

    // the same objects, created in another order, columns added in another order
    private static final String FUNCTIONS_AND_VIEWS_FIRST = """
            CREATE SEQUENCE invoice_numbers START 1000;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
            CREATE TYPE mood AS ENUM ('happy', 'sad');
            CREATE TABLE users (mood mood DEFAULT 'happy');
            ALTER TABLE users ADD COLUMN name text NOT NULL;
            ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
            CREATE TABLE orders (id serial PRIMARY KEY, user_id bigint, total positive);
            CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE INDEX orders_user_idx ON orders (user_id);
            ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
            """;

    @Test
    void equal_for_identical_schemas_created_in_different_orders(TestDatabase db) throws SQLException {
        SchemaSnapshot first = snapshotAfter(db, TYPES_AND_TABLES_FIRST);
        SchemaSnapshot second = snapshotAfter(db, FUNCTIONS_AND_VIEWS_FIRST);

        assertThat(SchemaDiff.between(first, second).isEmpty()).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(first.lines()).contains(
                "schema public",
                "table public.users",
                "column public.users.id: bigint NOT NULL GENERATED ALWAYS AS IDENTITY",
                "column public.users.mood: public.mood DEFAULT 'happy'::public.mood",
                "column public.orders.total: public.positive",
                "constraint public.users.users_pkey: PRIMARY KEY (id)",
                "constraint public.orders.orders_user_id_fkey: FOREIGN KEY (user_id) REFERENCES public.users(id)",
                "constraint public.positive.positive_check: CHECK ((VALUE > 0))",
                "index public.orders_user_idx: CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)",
                "enum public.mood: ('happy', 'sad')",
                "domain public.positive: integer",
                "trigger public.orders.orders_touch: CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders"
                        + " FOR EACH ROW EXECUTE FUNCTION public.touch()",
                "extension plpgsql: version 1.0 in schema pg_catalog");
        assertThat(first.find("sequence", "public.invoice_numbers").orElseThrow().definition())
                .startsWith("bigint start 1000 increment 1");
        assertThat(first.find("function", "public.touch()").orElseThrow().definition())
                .startsWith("RETURNS trigger LANGUAGE plpgsql VOLATILE definition md5 ");
        assertThat(first.find("view", "public.order_totals").orElseThrow().definition())
                .isEqualTo("SELECT user_id, sum(total::integer) AS total FROM public.orders GROUP BY user_id;");
    }

    @Test
    void leaves_out_the_history_schema_and_the_system_schemas(TestDatabase db) throws SQLException {
        SchemaSnapshot snapshot = snapshotAfter(db, """
                CREATE SCHEMA valhalla_migrate;
                CREATE TABLE valhalla_migrate.history (id text PRIMARY KEY);
                CREATE SCHEMA billing;
                CREATE TABLE billing.invoices (id bigint);
                CREATE TEMPORARY TABLE scratch (id int);
                """);

        assertThat(snapshot.lines())
                .contains("schema billing", "table billing.invoices", "column billing.invoices.id: bigint")
                .noneMatch(line -> line.contains("valhalla_migrate"))
                .noneMatch(line -> line.contains("pg_temp") || line.contains("pg_toast") || line.contains("scratch"))
                .noneMatch(line -> line.contains("information_schema") || line.contains(" pg_catalog."));
    }

    @Test
    void restores_the_search_path_of_the_connection(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO public, pg_catalog");
            SchemaSnapshot.capture(connection);
            try (var row = statement.executeQuery("SHOW search_path")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("public, pg_catalog");
            }
        }
    }

    private static SchemaSnapshot snapshotAfter(TestDatabase db, String sql) throws SQLException {
        try (ScratchDatabase scratch = ScratchDatabase.create(db.jdbcUrl(), new Properties());
             Connection connection = scratch.connect();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return SchemaSnapshot.capture(connection);
        }
    }
}
