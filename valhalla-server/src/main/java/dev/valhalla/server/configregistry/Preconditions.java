package dev.valhalla.server.configregistry;

import dev.valhalla.server.core.error.BadRequestException;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conditional headers of a write (RFC 9110 §13.1) and the registry's rule for them: every write
 * states what it expects, so no change is ever made on top of one the caller has not seen.
 *
 * <ul>
 *   <li>Update, delete, rollback of an existing key: {@code If-Match: "<version>"} (the {@code ETag} of
 *       the read) — a different current version gives 412; {@code If-Match: *} (any version) is
 *       honoured as RFC 9110 defines it. Without {@code If-Match}: 428.</li>
 *   <li>Creation of a key that does not exist (or was deleted): {@code If-None-Match: *} — 412 when the
 *       key exists. Without it: 428, so two creators cannot both believe they created the key.</li>
 * </ul>
 * {@code If-Match} uses the strong comparison: weak tags ({@code W/"3"}) never match.
 *
 * @param ifMatch     the parsed {@code If-Match}, null when absent
 * @param ifNoneMatch the parsed {@code If-None-Match}, null when absent
 */
record Preconditions(TagList ifMatch, TagList ifNoneMatch) {

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*(,|$)");

    /**
     * A parsed entity-tag list.
     *
     * @param any  {@code *}
     * @param tags the tags, each {@code W/"…"} or {@code "…"} as sent
     */
    record TagList(boolean any, List<String> tags) {
    }

    /** The ETag of version {@code version}: {@code "<version>"}. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code If-Match} and {@code If-None-Match}; 400 when one is not an entity-tag list. */
    static Preconditions of(Context ctx) {
        return new Preconditions(parse("If-Match", ctx.header("If-Match")), parse("If-None-Match", ctx.header("If-None-Match")));
    }

    /** Parses one header; null when absent. */
    static TagList parse(String name, String header) {
        if (header == null) {
            return null;
        }
        if (header.trim().equals("*")) {
            return new TagList(true, List.of());
        }
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(header);
        int at = 0;
        while (at < header.length() && m.find(at) && m.start() == at) {
            tags.add((m.group(1) == null ? "" : "W/") + "\"" + m.group(2) + "\"");
            at = m.end();
        }
        if (tags.isEmpty() || at != header.length()) {
            throw new BadRequestException(name + ": expected * or a list of quoted entity tags such as \"3\" "
                    + "(the ETag of the version you read)");
        }
        return new TagList(false, List.copyOf(tags));
    }

    /**
     * Checks a write of a key whose current version is {@code current} (empty: the key does not exist).
     *
     * @throws ConfigPreconditionException 412 or 428
     */
    void check(OptionalLong current) {
        if (ifMatch != null) {
            if (current.isEmpty()) {
                throw ConfigPreconditionException.failed("If-Match was sent but the key does not exist", current);
            }
            if (!ifMatch.any() && !ifMatch.tags().contains(etag(current.getAsLong()))) {
                throw ConfigPreconditionException.failed("The key changed since you read it: If-Match " + ifMatch.tags()
                        + " does not match the current version " + etag(current.getAsLong()) + "; read it again", current);
            }
            return;
        }
        if (ifNoneMatch != null && ifNoneMatch.any()) {
            if (current.isPresent()) {
                throw ConfigPreconditionException.failed("If-None-Match: * was sent but the key exists at version "
                        + current.getAsLong(), current);
            }
            return;
        }
        throw ConfigPreconditionException.required(current.isPresent()
                ? "Send If-Match with the ETag you read (currently " + etag(current.getAsLong()) + ") to change this key"
                : "Send If-None-Match: * to create this key", current);
    }

    /** Checks a change of an existing key (delete, rollback): only {@code If-Match} applies. */
    void checkExisting(long current) {
        new Preconditions(ifMatch, null).check(OptionalLong.of(current));
    }
}
