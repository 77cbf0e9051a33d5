package dev.valhalla.server.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code valhalla verify --url URL}: post-deploy verification of a running server. Prints a table of
 * ✓/✗ with latencies (or JSON with {@code --json}). Exit codes: 0 every check passed, 1 a check
 * failed, 2 the URL is malformed or the server cannot be reached.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a running server after a deploy: /live, /ready, /health, the go-live runbook",
                "(JSON and Markdown), /metrics (Prometheus text parses), and with --key the governance state.", ""},
        footer = {"", "Exit codes: 0 all checks passed, 1 a check failed, 2 URL malformed or server unreachable.",
                "Example: valhalla verify --url http://127.0.0.1:8080 --json"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Base URL of the server, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--json", description = "Print the results as JSON instead of a table")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Connect and response timeout of each request, e.g. 500ms, 10s, 1m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--key", paramLabel = "KEY", description = "An API key (read scope or more) for the authenticated checks")
    String key;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI base;
        try {
            base = base(url);
        } catch (URISyntaxException | IllegalArgumentException e) {
            err.println("valhalla verify: malformed URL '" + url + "': " + e.getMessage());
            err.flush();
            return 2;
        }
        Verification verification;
        try {
            verification = new Verifier(base, timeout, Optional.ofNullable(key).filter(k -> !k.isBlank())).run();
        } catch (ServerUnreachableException e) {
            err.println("valhalla verify: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.print(json ? json(verification) : VerificationTable.render(verification));
        out.flush();
        return verification.passed() ? 0 : 1;
    }

    /** The base URL without a trailing slash; only http and https with a host. */
    static URI base(String text) throws URISyntaxException {
        URI uri = new URI(text.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("expected an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return new URI(scheme, null, uri.getHost(), uri.getPort(), path.isEmpty() ? "/" : path + "/", null, null);
    }

    private static String json(Verification verification) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(verification) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the results as JSON", e);
        }
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            Duration duration;
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                try {
                    duration = Duration.parse(value.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("expected a duration like 500ms, 10s or 1m, got '" + value + "'");
                }
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new CommandLine.TypeConversionException("the timeout must be positive, got '" + value + "'");
            }
            return duration;
        }
    }
}
