package dev.valhalla.server.core.http;

import dev.valhalla.server.core.error.StandardErrorCode;
import dev.valhalla.server.core.error.ValhallaException;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * Reads JSON request bodies the same way on every endpoint: {@code application/json} (or
 * {@code +json}) required (else 415), the body limit enforced (413), malformed JSON 400, wrong types
 * and unknown fields 422 with the field named. Records validate themselves in their compact
 * constructors by throwing {@link dev.valhalla.server.core.error.ValidationException}.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /** Parses the body of {@code ctx} as {@code type}. */
    public static <T> T json(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ValhallaException(StandardErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Expected Content-Type application/json, got " + (contentType == null ? "none" : "'" + contentType + "'"));
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new ValhallaException(StandardErrorCode.MALFORMED_JSON, "The body is empty; expected a JSON document");
        }
        return ctx.jsonMapper().fromJsonString(new String(body, java.nio.charset.StandardCharsets.UTF_8), type);
    }
}
