package dev.bmff.codecs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs we did not write (ffprobe, ffmpeg, mediainfo) that check our work. When one is missing the
 * test fails under {@code CI=true} and is skipped, with a message, elsewhere.
 */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** The path of {@code tool}, or a failure (CI) / skip (elsewhere) when it is not on PATH. */
    public static String require(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        String msg = tool + " is not installed; install it (apt-get install -y ffmpeg mediainfo) to run this test";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " (CI=true: interop tests must run)");
        }
        Assumptions.abort(msg);
        return null;
    }

    /** Runs {@code tool args...}; returns stdout; fails on a non-zero exit or after 120 s. */
    public static String run(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(tool));
        cmd.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("bmff-tool", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", cmd) + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    fail(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return fail("could not run " + cmd + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
