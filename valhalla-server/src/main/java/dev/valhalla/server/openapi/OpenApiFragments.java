package dev.valhalla.server.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The per-feature parts of the OpenAPI document: every {@code *.json} file in the classpath folder
 * {@value #FOLDER}, each an OpenAPI fragment with {@code paths} (operations of that feature's routes,
 * keyed by the route's exact path template and lower-case method) and {@code components}. The file
 * name without {@code .json} becomes the operations' tag.
 */
final class OpenApiFragments {

    static final String FOLDER = "openapi";

    /**
     * One fragment file.
     *
     * @param tag     the file name without extension, e.g. {@code governance}
     * @param content its JSON
     */
    record Fragment(String tag, ObjectNode content) {
    }

    private OpenApiFragments() {
    }

    /** Every fragment on the classpath, sorted by tag. */
    static List<Fragment> load(ObjectMapper mapper) {
        List<Fragment> fragments = new ArrayList<>();
        try {
            for (URL root : Collections.list(OpenApiFragments.class.getClassLoader().getResources(FOLDER))) {
                readFrom(root.toURI(), mapper, fragments);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI fragments in " + FOLDER + "/", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the OpenAPI fragments in " + FOLDER + "/", e);
        }
        fragments.sort(Comparator.comparing(Fragment::tag));
        return fragments;
    }

    private static void readFrom(URI root, ObjectMapper mapper, List<Fragment> into) throws IOException {
        if (!root.getScheme().equals("jar")) {
            readFolder(Path.of(root), mapper, into);
            return;
        }
        FileSystem jar;
        boolean opened = false;
        try {
            jar = FileSystems.newFileSystem(root, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            jar = FileSystems.getFileSystem(root);
        }
        try {
            readFolder(jar.provider().getPath(root), mapper, into);
        } finally {
            if (opened) {
                jar.close();
            }
        }
    }

    private static void readFolder(Path folder, ObjectMapper mapper, List<Fragment> into) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!(mapper.readTree(Files.readString(file)) instanceof ObjectNode content)) {
                    throw new IllegalStateException("OpenAPI fragment " + FOLDER + "/" + name + " is not a JSON object");
                }
                into.add(new Fragment(name.substring(0, name.length() - ".json".length()), content));
            }
        }
    }
}
