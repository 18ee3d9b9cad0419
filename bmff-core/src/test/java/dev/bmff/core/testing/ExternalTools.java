package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External command-line tools (ffprobe, ffmpeg, mediainfo) used as reference implementations.
 *
 * <p>A missing tool skips the test ({@link Assumptions#abort}) on a developer machine, but fails it
 * when the environment variable {@code CI} is {@code true}, so a CI image that lost ffmpeg cannot turn
 * the interoperability tests silently green.
 */
public final class ExternalTools {
    /** Generous: the fixtures are small, but CI machines can be slow. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private ExternalTools() {
    }

    /** {@code ffprobe} on the PATH (skips or fails the test when missing). */
    public static Path ffprobe() {
        return require("ffprobe");
    }

    /** {@code ffmpeg} on the PATH (skips or fails the test when missing). */
    public static Path ffmpeg() {
        return require("ffmpeg");
    }

    /** {@code mediainfo} on the PATH (skips or fails the test when missing). */
    public static Path mediainfo() {
        return require("mediainfo");
    }

    /** Where {@code tool} is on the PATH, if anywhere. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : windows ? List.of(tool + ".exe", tool) : List.of(tool)) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code tool} on the PATH. When missing: fails the test if env {@code CI} is {@code true}, else
     * aborts (skips) it.
     */
    public static Path require(String tool) {
        Optional<Path> p = find(tool);
        if (p.isPresent()) {
            return p.get();
        }
        String pkg = switch (tool) {
            case "mediainfo" -> "mediainfo";
            case "node", "npm" -> "nodejs npm";
            default -> "ffmpeg";
        };
        return missing("'" + tool + "' is not on the PATH (" + System.getenv("PATH") + "); install it"
                + " (Debian/Ubuntu: apt-get install " + pkg + ")");
    }

    /**
     * Reports that something a test needs is missing: fails the test if env {@code CI} is {@code true},
     * else aborts (skips) it. Declared to return a value so callers can write {@code return missing(..)}.
     */
    public static <T> T missing(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return fail(what + ". CI=true, so this test fails instead of being skipped.");
        }
        Assumptions.abort(what + ". Test skipped (it would fail with CI=true).");
        throw new AssertionError("unreachable");
    }

    /**
     * What ffmpeg prints (standard output and error together; it reports problems on standard error) while it
     * decodes every video and audio stream of {@code file} with {@code -v error}: empty for a file that decodes
     * cleanly; prefixed with {@code "exit N: "} when ffmpeg fails.
     */
    public static String decodeErrors(Path file) {
        Path log = null;
        try {
            log = Files.createTempFile("bmff-decode-", ".log");
            Process p = new ProcessBuilder(List.of(ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                    file.toString(), "-map", "0:v?", "-map", "0:a?", "-f", "null", "-"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(DEFAULT_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return fail("ffmpeg did not decode " + file + " within " + DEFAULT_TIMEOUT.multipliedBy(2));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run ffmpeg on " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while ffmpeg decoded " + file);
        } finally {
            deleteQuietly(log);
        }
    }

    /** {@code tool} followed by {@code args}, as a command for {@link #run(Duration, List)}. */
    public static List<String> withTool(String tool, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(tool);
        command.addAll(args);
        return command;
    }

    /** Runs {@code command} with {@link #DEFAULT_TIMEOUT}; see {@link #run(Duration, List)}. */
    public static String run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /**
     * Runs {@code command} (no shell), waits at most {@code timeout}, and returns its standard output
     * (UTF-8). Fails the test when it times out (the process is killed) or exits with a non-zero
     * status; the failure message has the command line and the process's standard error.
     */
    public static String run(Duration timeout, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("bmff-tool-", ".out");
            err = Files.createTempFile("bmff-tool-", ".err");
            // A bare tool name is looked up first, so a missing tool fails under CI and skips elsewhere.
            List<String> argv = new ArrayList<>(command);
            if (!argv.isEmpty() && !argv.get(0).contains(File.separator)) {
                argv.set(0, require(argv.get(0)).toString());
            }
            // Both streams go to files: no pipe can fill up and block the child.
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return fail("interrupted while running " + String.join(" ", command));
            }
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return fail(String.join(" ", command) + " did not finish within " + timeout + "; killed it."
                        + " stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return fail(String.join(" ", command) + " exited with status " + p.exitValue() + ". stderr:\n"
                        + stderr);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temp file is harmless.
            }
        }
    }
}
