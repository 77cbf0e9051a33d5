package dev.valhalla.server.verify;

/** The server to verify cannot be reached at all (refused, unresolvable, timed out). */
final class ServerUnreachableException extends Exception {

    ServerUnreachableException(String url, Throwable cause) {
        super("cannot reach " + url + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            Throwable inner = cause.getCause();
            message = inner != null && inner.getMessage() != null ? inner.getMessage() : "";
        }
        String kind = cause.getClass().getSimpleName();
        return message.isBlank() ? kind : kind + " (" + message + ")";
    }
}
