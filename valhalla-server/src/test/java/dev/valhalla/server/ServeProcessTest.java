package dev.valhalla.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code valhalla serve} as its own process on embedded PostgreSQL: SIGTERM lets a request that is in
 * flight finish (its body still arriving after the signal), then stops the pools and the database
 * cleanly; a restart on the same data folder applies nothing, keeps what was written and prints no new key.
 */
class ServeProcessTest {

    private static final Pattern READY = Pattern.compile("Valhalla is ready at (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void sigterm_drains_the_request_in_flight_and_stops_the_embedded_database_cleanly(@TempDir Path data) throws Exception {
        String key = "vh_servetst_" + "s".repeat(20) + "ecretSecretSecretSecret";
        Served first = serve(data, key);
        String body = "{\"id\": \"drained\", \"description\": \"created while stopping\"}";
        try (Socket socket = new Socket("127.0.0.1", first.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /system/api-clients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the handler is now waiting for the rest of the body: in flight next to the /metrics request itself
            awaitInFlight(first.port(), 2);
            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            first.process().toHandle().destroy();
            Thread.sleep(1_000);
            assertThat(first.process().isAlive()).as("the server waits for the request in flight").isTrue();
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 201 Created");
        }
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("stopped within the drain bound").isTrue();
        String log = first.finalOutput();
        assertThat(log).contains("HTTP stopped (0 requests cut off)");
        assertThat(log).doesNotContain("\"level\":\"WARN\"").doesNotContain("\"level\":\"ERROR\"");
        assertThat(data.resolve("postgres/postmaster.pid")).as("PostgreSQL shut down").doesNotExist();

        Served second = serve(data, key);
        try {
            String restart = String.join("\n", second.output());
            assertThat(restart).contains("schema:   at head, nothing to apply").doesNotContain("First start");
            HttpResponse<String> drained = TestServers.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + second.port() + "/system/api-clients/drained")).GET(),
                    "Authorization", "Bearer " + key);
            assertThat(drained.statusCode()).isEqualTo(200);
        } finally {
            second.process().toHandle().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void awaitInFlight(int port, int requests) throws InterruptedException {
        Pattern gauge = Pattern.compile("(?m)^valhalla_http_requests_in_flight(?:\\{[^}]*})? (\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> metrics = TestServers.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).GET());
            Matcher matcher = gauge.matcher(metrics.body());
            if (matcher.find() && Double.parseDouble(matcher.group(1)) >= requests) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the request never became in flight");
    }

    private record Served(Process process, int port, List<String> output, Thread reader) {

        /** Everything the process printed, once it has exited. */
        String finalOutput() throws InterruptedException {
            reader.join(Duration.ofSeconds(10));
            return String.join("\n", output);
        }
    }

    /** Starts {@code Main serve} with this test JVM's class path and waits for its ready line. */
    private static Served serve(Path data, String key) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.valhalla.server.Main", "serve").redirectErrorStream(true);
        builder.environment().put("VALHALLA_PORT", "0");
        builder.environment().put("VALHALLA_DATA_DIR", data.toString());
        builder.environment().put("VALHALLA_ADMIN_KEY", key);
        builder.environment().put("VALHALLA_DRAIN_TIMEOUT", "20s");
        builder.environment().remove("VALHALLA_DATABASE_URL");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process.getInputStream(), output, ready), "serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Served(process, URI.create(url).getPort(), output, reader);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("serve did not become ready: " + output, e);
        }
    }

    // the banner ends with the "Stop with" line: only then is all of it (URL, database, schema) read
    private static void read(InputStream in, List<String> output, CompletableFuture<String> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            String url = null;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    url = matcher.group(1);
                }
                if (url != null && line.startsWith("Stop with")) {
                    ready.complete(url);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("serve exited"));
    }
}
