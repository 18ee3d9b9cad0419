package dev.bmff.codecs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code fixtures/} folder (small media made by scripts/make-fixtures.sh). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixtures folder, found by walking up from the working directory. */
    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path f = p.resolve("fixtures");
            if (Files.isDirectory(f) && Files.exists(p.resolve("scripts/make-fixtures.sh"))) {
                return f;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("fixtures/ not found above " + Path.of("").toAbsolutePath());
    }

    /** One fixture by file name. */
    public static Path get(String name) {
        Path p = dir().resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing fixture " + p + " (run scripts/make-fixtures.sh)");
        }
        return p;
    }

    /** Every media fixture (not the README), sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
