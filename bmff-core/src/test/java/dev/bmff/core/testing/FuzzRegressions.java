package dev.bmff.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Inputs a fuzz property once failed on, kept for good: {@code fixtures/fuzz/TARGET/NAME.bin} holds the bytes,
 * and each module's {@code FuzzRegressionTest} replays every file of its targets through the same check as the
 * property, as ordinary tests. {@code fixtures/fuzz/README.md} lists the targets and each file's story.
 *
 * <p>The properties run their checks through {@link #guard}: when a check fails, the input is written to
 * {@code target/fuzz-failures/TARGET/HASH.bin} and the failure says so (as a suppressed exception). Keeping it
 * is a copy of the file the final, shrunk failure names into {@code fixtures/fuzz/TARGET/}, under a name that
 * says what it found.
 *
 * <pre>{@code
 * @Property void randomBytes(@ForAll byte[] data) {
 *     FuzzRegressions.guard("reader", data, () -> check(data));
 * }
 * @TestFactory Stream<DynamicTest> recordedFailures() {
 *     return FuzzRegressions.replay("reader", ReaderFuzzProperties::check);
 * }
 * }</pre>
 */
public final class FuzzRegressions {
    private FuzzRegressions() {
    }

    /** A check of one input: returns when the input is handled as it must be, throws otherwise. */
    public interface Check {
        void run(byte[] input) throws Throwable;
    }

    /** What a property does with one input. */
    public interface Action {
        void run() throws Throwable;
    }

    /** {@code fixtures/fuzz/TARGET}. */
    public static Path dir(String target) {
        return Fixtures.dir().resolve("fuzz").resolve(target);
    }

    /** The recorded inputs of {@code target}, sorted by name (none when the directory does not exist). */
    public static List<Path> inputs(String target) {
        Path dir = dir(target);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One test per recorded input of {@code target}, named after its file, each running {@code check} on it; none
     * while nothing is recorded.
     */
    public static Stream<DynamicTest> replay(String target, Check check) {
        return inputs(target).stream().map(p -> DynamicTest.dynamicTest(target + "/" + p.getFileName(), () -> {
            try {
                check.run(Files.readAllBytes(p));
            } catch (Error | Exception e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }));
    }

    /**
     * Runs {@code action}, a property's work on {@code input}; if it fails, saves the input to
     * {@code target/fuzz-failures/TARGET/} (of the module under test) and rethrows the failure, unchanged but for
     * a suppressed exception that names the file.
     */
    public static void guard(String target, byte[] input, Action action) {
        try {
            action.run();
        } catch (Throwable t) {
            t.addSuppressed(new SavedInput(save(target, input)));
            throw sneaky(t);
        }
    }

    /** Writes {@code input} to {@code target/fuzz-failures/TARGET/HASH.bin} and returns what happened. */
    private static String save(String target, byte[] input) {
        try {
            Path dir = Path.of("target", "fuzz-failures", target).toAbsolutePath();
            Files.createDirectories(dir);
            Path file = dir.resolve(hash(input) + ".bin");
            Files.write(file, input);
            return "the input (" + input.length + " bytes) is saved as " + file + "; to keep it as a regression, copy"
                    + " it to fixtures/fuzz/" + target + "/ under a name that says what it found (fixtures/fuzz/README.md)";
        } catch (IOException e) {
            return "the input (" + input.length + " bytes) could not be saved: " + e;
        }
    }

    private static String hash(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** Says where the failing input went; carried as a suppressed exception of the failure. */
    private static final class SavedInput extends Exception {
        private static final long serialVersionUID = 1L;

        SavedInput(String message) {
            super(message, null, false, false);
        }
    }
}
