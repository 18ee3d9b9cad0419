package dev.bmff.recover.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ffmpeg -v error -i FILE -f null -} prints when it decodes a whole file: its errors go to standard
 * error and its exit status stays 0, so this reads standard error (an empty string means a clean decode).
 */
public final class Decoding {
    private Decoding() {
    }

    /** Everything ffmpeg printed (standard output and error) while decoding every stream of {@code file}. */
    public static String errors(Path file) throws IOException {
        Path log = Files.createTempFile("bmff-decode-", ".log");
        try {
            Process p = new ProcessBuilder(List.of(ExternalTools.require("ffmpeg").toString(), "-v", "error",
                    "-nostdin", "-i", file.toString(), "-f", "null", "-"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!waitFor(p)) {
                p.destroyForcibly();
                fail("ffmpeg did not decode " + file + " in 120 s");
            }
            String out = Files.readString(log);
            return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean waitFor(Process p) throws IOException {
        try {
            return p.waitFor(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while ffmpeg decoded", e);
        }
    }
}
