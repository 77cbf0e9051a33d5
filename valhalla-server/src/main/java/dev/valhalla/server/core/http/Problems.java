package dev.valhalla.server.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.valhalla.server.core.error.DatabaseUnavailableException;
import dev.valhalla.server.core.error.FieldError;
import dev.valhalla.server.core.error.ServiceUnavailableException;
import dev.valhalla.server.core.error.StandardErrorCode;
import dev.valhalla.server.core.error.ValhallaException;
import dev.valhalla.server.core.error.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every exception into an RFC 9457 {@code application/problem+json} response with {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code code} and
 * {@code correlationId}. Unknown exceptions become 500, logged once with their stack.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    void handle(Exception exception, Context ctx) {
        ValhallaException problem = translate(exception);
        if (problem.errorCode().status() >= 500 && !(problem instanceof ServiceUnavailableException)) {
            LOG.error("Unhandled exception on {} {}", ctx.method(), ctx.path(), exception);
        } else if (problem instanceof ServiceUnavailableException) {
            LOG.warn("{} {} refused: {}", ctx.method(), ctx.path(), problem.detail());
        }
        render(ctx, problem);
    }

    void render(Context ctx, ValhallaException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.errorCode().type().toString());
        body.put("title", problem.errorCode().title());
        body.put("status", problem.errorCode().status());
        body.put("detail", problem.detail());
        body.put("instance", ctx.path());
        body.put("code", problem.errorCode().code());
        body.put("correlationId", Correlation.id(ctx));
        problem.extensions().forEach(body::putIfAbsent);
        problem.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(seconds(wait))));
        ctx.status(problem.errorCode().status());
        ctx.json(body);
        ctx.contentType(CONTENT_TYPE);
    }

    private static long seconds(Duration wait) {
        long millis = wait.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    static ValhallaException translate(Throwable exception) {
        if (exception instanceof ValhallaException known) {
            return known;
        }
        if (exception instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            // a record's compact constructor rejected the values
            if (instantiation.getCause() instanceof ValhallaException known) {
                return known;
            }
            return new ValidationException(List.of(new FieldError(path(instantiation), rootMessage(instantiation))));
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return ValidationException.of(path(unknown), "unknown field");
        }
        if (exception instanceof InvalidFormatException invalid) {
            // the value itself is not echoed: it may be a secret sent in the wrong field
            return ValidationException.of(path(invalid), "expected " + invalid.getTargetType().getSimpleName());
        }
        if (exception instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return ValidationException.of(path(mismatched), "expected "
                    + (mismatched.getTargetType() == null ? "another type" : mismatched.getTargetType().getSimpleName()));
        }
        if (exception instanceof DatabindException || exception instanceof JsonProcessingException) {
            // Jackson's own message quotes the offending token, which may be a secret: give the place only
            com.fasterxml.jackson.core.JsonLocation location = ((JsonProcessingException) exception).getLocation();
            return new ValhallaException(StandardErrorCode.MALFORMED_JSON, location == null
                    ? "The body is not valid JSON"
                    : "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        }
        if (exception instanceof HttpResponseException http) {
            return fromHttpStatus(http);
        }
        SQLException sql = sqlCause(exception);
        if (sql != null && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08") || state.startsWith("57P")) {
                return new DatabaseUnavailableException("The database is unavailable (SQLSTATE " + state + ")", exception,
                        Duration.ofSeconds(1));
            }
            if (state.equals("40001") || state.equals("40P01") || state.equals("57014")) {
                return new ServiceUnavailableException(StandardErrorCode.SERVICE_UNAVAILABLE,
                        "The database could not complete the request (SQLSTATE " + state + "); retry", exception,
                        Duration.ofSeconds(1));
            }
        }
        return new ValhallaException(StandardErrorCode.INTERNAL_ERROR, "An internal error occurred; quote the correlation id", exception);
    }

    private static ValhallaException fromHttpStatus(HttpResponseException http) {
        return switch (http.getStatus()) {
            case 404 -> new ValhallaException(StandardErrorCode.ROUTE_NOT_FOUND, "No route matches this path");
            case 405 -> new ValhallaException(StandardErrorCode.METHOD_NOT_ALLOWED, "Allowed methods: "
                    + http.getDetails().values().stream().collect(Collectors.joining(", ")));
            case 413 -> new ValhallaException(StandardErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the limit");
            case 415 -> new ValhallaException(StandardErrorCode.UNSUPPORTED_MEDIA_TYPE, http.getMessage());
            case 401 -> new ValhallaException(StandardErrorCode.UNAUTHORIZED, http.getMessage());
            case 403 -> new ValhallaException(StandardErrorCode.FORBIDDEN, http.getMessage());
            case 503 -> new ServiceUnavailableException(http.getMessage(), Duration.ofSeconds(1));
            default -> http.getStatus() < 500
                    ? new ValhallaException(StandardErrorCode.BAD_REQUEST, http.getMessage())
                    : new ValhallaException(StandardErrorCode.INTERNAL_ERROR, http.getMessage(), http);
        };
    }

    private static SQLException sqlCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
