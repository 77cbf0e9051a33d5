package dev.valhalla.server.tracing;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A Jdbi SQL logger that runs its delegate, then records the statement with the {@link Tracer}. */
final class SqlSpanLogger implements SqlLogger {

    private final SqlLogger delegate;
    private final Tracer tracer;

    SqlSpanLogger(SqlLogger delegate, Tracer tracer) {
        this.delegate = delegate;
        this.tracer = tracer;
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
        delegate.logBeforeExecution(context);
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        delegate.logAfterExecution(context);
        tracer.statement(context.getRenderedSql(), start(context), context.getElapsedTime(ChronoUnit.NANOS), null);
    }

    @Override
    public void logException(StatementContext context, SQLException exception) {
        delegate.logException(context, exception);
        long nanos = context.getExecutionMoment() == null ? 0 : Math.max(0, context.getElapsedTime(ChronoUnit.NANOS));
        tracer.statement(context.getRenderedSql(), start(context), nanos,
                (exception.getSQLState() == null ? "" : "SQLSTATE " + exception.getSQLState() + ": ") + exception.getMessage());
    }

    private static Instant start(StatementContext context) {
        return context.getExecutionMoment() == null ? Instant.now() : context.getExecutionMoment();
    }
}
