package dev.valhalla.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database of its own on the shared embedded PostgreSQL server.
 *
 * @param server the running embedded server
 * @param name   the database name
 */
public record TestDatabase(EmbeddedPostgres server, String name) {

    /** JDBC URL of this database, with user {@code postgres}. */
    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", name);
    }

    /** Port of the embedded server on 127.0.0.1. */
    public int port() {
        return server.getPort();
    }

    /** A non-pooling data source for this database. */
    public DataSource dataSource() {
        return server.getDatabase("postgres", name);
    }

    /** Opens a new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }
}
