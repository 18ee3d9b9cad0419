package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bmff.core.testing.Fixtures;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bmff} launcher script ({@code src/main/sh/bmff}, copied beside {@code bmff.jar} by the build) as a
 * user runs it: arguments and exit codes pass through unchanged, and a missing or unusable class-data-sharing
 * archive changes nothing a user sees. The jar here is a manifest whose class path names the test's class
 * directories (the shaded jar is made after the tests).
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void install() throws IOException {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the launcher is a POSIX shell script");
        dir = Files.createDirectories(tmp.resolve("install dir"));
        Files.copy(Path.of("src/main/sh/bmff"), dir.resolve("bmff"));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(dir.resolve("bmff.jar"));
                JarOutputStream jar = new JarOutputStream(out, m)) {
            // the manifest is the whole jar
        }
    }

    @Test
    void argumentsOutputAndExitCodePassThrough() throws Exception {
        Path file = Files.copy(Fixtures.file("h264-aac.mp4"), Files.createDirectories(tmp.resolve("a b")).resolve(
                "with space.mp4"));
        Run r = launch(Map.of(), "samples", file.toString());
        assertEquals(0, r.code, r.err);
        assertEquals(CliTest.run("samples", file.toString()).out(), r.out);
        assertEquals("", r.err);

        Run missing = launch(Map.of(), "samples", tmp.resolve("no such.mp4").toString());
        assertEquals(Main.EXIT_FAILURE, missing.code);
        assertTrue(missing.err.contains("no such file"), missing.err);
        assertEquals(Main.EXIT_USAGE, launch(Map.of(), "--debug", "frobnicate").code);
    }

    @Test
    void unusableArchiveIsIgnoredQuietly() throws Exception {
        Run plain = launch(Map.of(), "--help");
        Files.writeString(dir.resolve("bmff.jsa"), "not an archive");
        Run garbage = launch(Map.of(), "--help");
        assertEquals(0, garbage.code, garbage.err);
        assertEquals(plain.out, garbage.out);
        assertEquals("", garbage.err);
        assertTrue(garbage.out.contains("Usage: bmff COMMAND"), garbage.out);
    }

    @Test
    void javaHomeAndOptionsAndSymlinks() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("bmff-link"), dir.resolve("bmff"));
        Run r = run(Map.of("JAVA_HOME", System.getProperty("java.home"), "BMFF_JAVA_OPTS", "-Xmx64m -Dx=1"),
                link.toString(), "tracks", Fixtures.file("h264-aac.mp4").toString());
        assertEquals(0, r.code, r.err);
        assertEquals(CliTest.run("tracks", Fixtures.file("h264-aac.mp4").toString()).out(), r.out);
        // A JAVA_HOME without a java falls back to the PATH's.
        Run fallback = run(Map.of("JAVA_HOME", tmp.toString()), link.toString(), "--help");
        assertEquals(0, fallback.code, fallback.err);
    }

    private record Run(int code, String out, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        return run(env, prepend(dir.resolve("bmff").toString(), args));
    }

    private static String[] prepend(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(prepend("sh", command));
        // java on the PATH is the one running the tests, as on a user's machine.
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + pb.environment().getOrDefault("PATH", ""));
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("BMFF_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
