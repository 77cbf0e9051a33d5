package dev.valhalla.server.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Map;

/**
 * One request to a honeypot, waiting to be written.
 *
 * @param honeypotId    which honeypot
 * @param occurredAt    when
 * @param address       client address (after trusted-proxy handling)
 * @param method        HTTP method
 * @param path          request path
 * @param userAgent     {@code User-Agent}, truncated
 * @param headers       selected headers; never credentials or cookies
 * @param correlationId the request's correlation id
 */
record HoneypotHit(long honeypotId, Instant occurredAt, String address, String method, String path, String userAgent,
                   Map<String, String> headers, String correlationId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    HoneypotHit {
        headers = Map.copyOf(headers);
    }

    String headersJson() {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    static Map<String, String> parseHeaders(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored honeypot headers are not JSON", e);
        }
    }
}
