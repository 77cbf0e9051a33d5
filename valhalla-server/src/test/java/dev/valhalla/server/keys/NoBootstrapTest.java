package dev.valhalla.server.keys;

import dev.valhalla.testing.PostgresExtension;
import dev.valhalla.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.valhalla.server.keys.KeyTestServers.count;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class NoBootstrapTest {

    @Test
    void with_bootstrap_off_the_first_start_creates_no_key(TestDatabase db) {
        KeyTestServers.Started started = KeyTestServers.startServerApp(db, List.of(), "VALHALLA_ADMIN_BOOTSTRAP", "false");
        try {
            assertThat(started.adminKey()).isNull();
            assertThat(count(db, "SELECT count(*) FROM api_key")).isZero();
            assertThat(KeyTestServers.get(started.app().url(), "/system/api-keys", null).status()).isEqualTo(401);
        } finally {
            started.app().close();
        }
    }
}
