package dev.valhalla.migrate.apply;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/** Renders the server's own error report, which is more precise than the driver's exception message. */
final class ServerMessages {

    private ServerMessages() {
    }

    static String describe(SQLException exception) {
        if (!(exception instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return String.valueOf(exception.getMessage());
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        StringBuilder text = new StringBuilder(String.valueOf(server.getMessage()));
        if (server.getDetail() != null) {
            text.append(" (detail: ").append(server.getDetail()).append(')');
        }
        if (server.getHint() != null) {
            text.append(" (hint: ").append(server.getHint()).append(')');
        }
        if (server.getPosition() > 0) {
            text.append(" (at character ").append(server.getPosition()).append(" of the statement)");
        }
        return text.toString();
    }
}
