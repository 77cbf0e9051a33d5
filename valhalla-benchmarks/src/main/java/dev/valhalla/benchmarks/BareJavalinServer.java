package dev.valhalla.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference for the HTTP benchmarks: a bare Javalin 7 server on virtual threads with the same two
 * kinds of handler as Valhalla's measured routes, without any of Valhalla's edge (correlation, access
 * log, authentication, unit of work, query monitor):
 * {@code GET /live} answers a constant JSON document, {@code GET /clients} reads the {@code api_client}
 * table through a plain HikariCP pool, like Valhalla's {@code GET /system/api-clients}.
 *
 * <p>Usage: {@code BareJavalinServer PORT JDBC_URL}
 */
public final class BareJavalinServer {

    private BareJavalinServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(args[1]);
        pool.setMaximumPoolSize(10);
        HikariDataSource dataSource = new HikariDataSource(pool);
        ObjectMapper json = new ObjectMapper();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.routes.get("/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            config.routes.get("/clients", ctx -> ctx.contentType("application/json")
                    .result(json.writeValueAsString(Map.of("clients", clients(dataSource)))));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            dataSource.close();
        }));
        app.start("127.0.0.1", port);
    }

    private static List<Map<String, Object>> clients(HikariDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, description, created_at FROM api_client ORDER BY id");
             ResultSet rs = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getString(1));
                row.put("description", rs.getString(2));
                row.put("createdAt", rs.getTimestamp(3).toInstant().toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
