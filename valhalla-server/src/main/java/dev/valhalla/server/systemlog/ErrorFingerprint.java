package dev.valhalla.server.systemlog;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Groups error events that are "the same error": SHA-256 over the logger, the exception class, the
 * normalized message (ids, numbers, quoted values and hex replaced by placeholders) and the first three
 * stack frames of the product's own code (or the first three frames when none is the product's).
 *
 * @param value          32 hex characters
 * @param exceptionClass the logged exception's class, or null
 * @param message        the normalized message the group shows
 */
record ErrorFingerprint(String value, String exceptionClass, String message) {

    private static final String PRODUCT_PACKAGE = "dev.valhalla.";
    private static final int FRAMES = 3;
    private static final int MAX_MESSAGE = 500;
    private static final Pattern UUID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    static ErrorFingerprint of(LogEvent event) {
        IThrowableProxy throwable = event.throwable();
        String exceptionClass = throwable == null ? null : throwable.getClassName();
        String message = normalize(event.template() == null ? event.message() : event.template());
        StringBuilder material = new StringBuilder(event.logger()).append('\n')
                .append(exceptionClass == null ? "" : exceptionClass).append('\n').append(message);
        for (String frame : frames(throwable)) {
            material.append('\n').append(frame);
        }
        return new ErrorFingerprint(sha256(material.toString()), exceptionClass, message);
    }

    static String normalize(String message) {
        String normalized = UUID.matcher(message).replaceAll("<uuid>");
        normalized = QUOTED.matcher(normalized).replaceAll("<value>");
        normalized = HEX.matcher(normalized).replaceAll("<hex>");
        normalized = NUMBER.matcher(normalized).replaceAll("<n>");
        normalized = SPACE.matcher(normalized).replaceAll(" ").trim();
        return normalized.length() <= MAX_MESSAGE ? normalized : normalized.substring(0, MAX_MESSAGE);
    }

    private static List<String> frames(IThrowableProxy throwable) {
        List<String> product = new ArrayList<>();
        List<String> any = new ArrayList<>();
        if (throwable == null || throwable.getStackTraceElementProxyArray() == null) {
            return product;
        }
        for (StackTraceElementProxy proxy : throwable.getStackTraceElementProxyArray()) {
            StackTraceElement element = proxy.getStackTraceElement();
            // class and method only: line numbers move with every edit of the file
            String frame = element.getClassName() + "." + element.getMethodName();
            if (any.size() < FRAMES) {
                any.add(frame);
            }
            if (element.getClassName().startsWith(PRODUCT_PACKAGE)) {
                product.add(frame);
                if (product.size() == FRAMES) {
                    break;
                }
            }
        }
        return product.isEmpty() ? any : product;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
