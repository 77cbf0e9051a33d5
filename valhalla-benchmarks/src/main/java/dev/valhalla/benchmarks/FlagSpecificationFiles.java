package dev.valhalla.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Files of the Unleash client specification ({@code @unleash/client-specification@6.1.0}, pinned by
 * version and tarball SHA-256). With {@code -Dvalhalla.flags.specification=DIR} they are read from
 * {@code DIR} (the {@code specifications} folder, or a folder holding {@code package/specifications},
 * such as the server build's {@code client-specification/6.1.0} cache); otherwise the package is
 * fetched with {@code npm pack} into a temporary folder, read, and the folder removed.
 */
final class FlagSpecificationFiles {

    static final String PROPERTY = "valhalla.flags.specification";
    private static final String PACKAGE = "@unleash/client-specification@6.1.0";
    private static final String TARBALL_SHA256 = "88e154a8dd69b3c856b694332f0b4af75a4b985977b259600f94a0328b29e2fb";
    private static final long TIMEOUT_SECONDS = 180;

    private FlagSpecificationFiles() {
    }

    /** The parsed specification file, e.g. {@code 07-multiple-strategies.json}. */
    static JsonNode read(ObjectMapper json, String fileName) throws IOException, InterruptedException {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return json.readTree(specifications(Path.of(given)).resolve(fileName).toFile());
        }
        Path work = Files.createTempDirectory("valhalla-flag-spec");
        try {
            fetch(work);
            return json.readTree(work.resolve("package/specifications").resolve(fileName).toFile());
        } finally {
            deleteRecursively(work);
        }
    }

    private static Path specifications(Path given) {
        Path nested = given.resolve("package/specifications");
        return Files.isDirectory(nested) ? nested : given;
    }

    private static void fetch(Path work) throws IOException, InterruptedException {
        run(work, "npm", "pack", PACKAGE, "--pack-destination", work.toString(), "--no-fund", "--no-audit",
                "--loglevel=warn");
        Path tarball;
        try (Stream<Path> files = Files.list(work)) {
            tarball = files.filter(file -> file.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("npm pack " + PACKAGE + " left no tarball in " + work));
        }
        String digest = sha256(tarball);
        if (!digest.equals(TARBALL_SHA256)) {
            throw new IllegalStateException(PACKAGE + " has SHA-256 " + digest + ", expected " + TARBALL_SHA256);
        }
        run(work, "tar", "-xzf", tarball.toString(), "-C", work.toString());
    }

    private static void run(Path work, String... command) throws IOException, InterruptedException {
        Path log = work.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                    + " s; pass -D" + PROPERTY + "=DIR to read the files from a folder instead");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                    + process.exitValue() + ": " + Files.readString(log).strip()
                    + "; pass -D" + PROPERTY + "=DIR to read the files from a folder instead");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
