package dev.valhalla.server.keys;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.valhalla.server.keys.KeyTestServers.count;
import static dev.valhalla.server.keys.KeyTestServers.get;
import static dev.valhalla.server.keys.KeyTestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class AdminBootstrapTest {

    @Test
    void the_first_start_prints_an_admin_key_once_and_a_restart_creates_nothing(TestDatabase db) {
        KeyTestServers.Started first = KeyTestServers.startServerApp(db, List.of());
        String key = first.adminKey();
        String secret;
        try {
            assertThat(key).as(first.output()).isNotNull();
            assertThat(first.output()).containsOnlyOnce(key).contains("shown only this once");
            secret = key.substring(12);
            assertThat(get(first.app().url(), "/system/api-keys", key).status()).isEqualTo(200);
            assertThat(json(get(first.app().url(), "/system/api-clients", key)).path("clients").get(0).path("id").asText())
                    .isEqualTo("admin");
            assertThat(count(db, "SELECT count(*) FROM api_key WHERE 'admin' = ANY (scopes)")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM api_key k WHERE k::text LIKE '%" + secret + "%'")).isZero();
            assertThat(count(db, "SELECT count(*) FROM audit_entry WHERE actor = 'system' AND action = 'api_key.create'")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM audit_entry a WHERE a::text LIKE '%" + secret + "%'")).isZero();
        } finally {
            first.app().close();
        }

        KeyTestServers.Started second = KeyTestServers.startServerApp(db, List.of());
        try {
            assertThat(second.adminKey()).as(second.output()).isNull();
            assertThat(second.output()).doesNotContain("First start");
            assertThat(count(db, "SELECT count(*) FROM api_key")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM api_client")).isEqualTo(1);
            assertThat(get(second.app().url(), "/system/api-keys", key).status()).isEqualTo(200);
        } finally {
            second.app().close();
        }
    }
}
