package dev.valhalla.server.core.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementNormalizerTest {

    @Test
    void literals_parameters_and_in_lists_become_placeholders() {
        assertThat(StatementNormalizer.normalize("SELECT * FROM t WHERE id = 42 AND name = 'O''Brien' AND x IN (1, 2, 3)"))
                .isEqualTo("SELECT * FROM t WHERE id = ? AND name = ? AND x IN (?)");
        assertThat(StatementNormalizer.normalize("select $1, $$dollar 'quoted'$$, $tag$x$tag$ from t2\n  -- comment\n where a=$2"))
                .isEqualTo("select ?, ?, ? from t2 where a=?");
        assertThat(StatementNormalizer.normalize("SELECT pg_sleep(:s)::text WHERE id = :id_2")).isEqualTo("SELECT pg_sleep(?)::text WHERE id = ?");
        assertThat(StatementNormalizer.normalize("INSERT INTO t(id) VALUES (?), (?)")).isEqualTo("INSERT INTO t(id) VALUES (?), (?)");
    }

    @Test
    void identifiers_containing_digits_are_kept() {
        assertThat(StatementNormalizer.normalize("SELECT col1 FROM table2 /* hint */ WHERE x1 = 3.5"))
                .isEqualTo("SELECT col1 FROM table2 WHERE x1 = ?");
    }
}
