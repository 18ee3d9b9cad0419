package dev.bmff.recover.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The repository's {@code fixtures/} media files (see {@code fixtures/README.md}, made by
 * {@code scripts/make-fixtures.sh}). Found by walking up from the working directory, so tests work
 * whether Maven runs them from the module directory or from the repository root.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The {@code fixtures/} directory; fails the test when there is none above the working directory. */
    public static Path dir() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("fixtures");
            if (Files.isDirectory(candidate) && Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        return fail("no fixtures/ directory (with a README.md) in " + start + " or any directory above it");
    }

    /** One fixture by file name, e.g. {@code h264-aac-frag.mp4}; fails the test when it is missing. */
    public static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("fixture " + p + " is missing; run scripts/make-fixtures.sh");
        }
        return p;
    }

    /** Every media fixture (.mp4, .mov, .m4a, .m4v), sorted by name; fails the test when there is none. */
    public static List<Path> all() {
        Path dir = dir();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).+\\.(mp4|mov|m4a|m4v)"))
                    .sorted()
                    .collect(Collectors.toList());
            if (files.isEmpty()) {
                fail("no media files in " + dir + "; run scripts/make-fixtures.sh");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
