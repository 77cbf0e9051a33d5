package dev.valhalla.migrate.apply;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * Wraps a real JDBC connection and writes down every call that talks to the server (statement executions,
 * commit, rollback), so a test can see what was sent after a failure. The calls still go to PostgreSQL.
 */
final class RecordingConnection implements InvocationHandler {

    private static final Set<String> RECORDED =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "commit", "rollback");

    private final Object target;
    private final String preparedSql;
    private final List<String> calls;

    private RecordingConnection(Object target, String preparedSql, List<String> calls) {
        this.target = target;
        this.preparedSql = preparedSql;
        this.calls = calls;
    }

    /** A connection that appends to {@code calls} entries like {@code "execute CREATE TABLE …"} or {@code "rollback"}. */
    static Connection wrap(Connection connection, List<String> calls) {
        return (Connection) Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new RecordingConnection(connection, null, calls));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        String entry = describe(method, arguments);
        Object result;
        try {
            result = method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (entry != null) {
                calls.add(entry + " FAILED");
            }
            throw e.getCause();
        }
        if (entry != null) {
            calls.add(entry);
        }
        if (result instanceof PreparedStatement prepared) {
            return Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    new RecordingConnection(prepared, (String) arguments[0], calls));
        }
        if (result instanceof Statement statement) {
            return Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(),
                    new Class<?>[] {Statement.class}, new RecordingConnection(statement, null, calls));
        }
        return result;
    }

    private String describe(Method method, Object[] arguments) {
        if (!RECORDED.contains(method.getName())) {
            return null;
        }
        if (arguments != null && arguments.length > 0 && arguments[0] instanceof String sql) {
            return method.getName() + " " + sql;
        }
        return preparedSql == null ? method.getName() : method.getName() + " " + preparedSql;
    }
}
