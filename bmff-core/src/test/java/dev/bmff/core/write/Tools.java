package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.testing.ExternalTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ffmpeg, ffprobe and mediainfo as judges of what the writers make. */
final class Tools {
    record Result(int exit, String out, String err) {
    }

    private Tools() {
    }

    static Result run(String... command) {
        try {
            Path out = Files.createTempFile("bmff-w", ".out");
            Path err = Files.createTempFile("bmff-w", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + String.join(" ", command));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Decodes every stream; fails unless ffmpeg exits 0 and prints nothing at level error. */
    static void decodesCleanly(Path file) {
        Result r = run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0", "-f", "null", "-");
        assertEquals(0, r.exit(), file + ": ffmpeg failed: " + r.err());
        assertEquals("", r.err().strip(), file + ": ffmpeg reported errors");
    }

    /**
     * A file cut short (a crash, an error) plays what it holds: ffprobe opens it, and when it holds
     * frames ffmpeg decodes them all without an error. Returns the packets per stream.
     */
    static long[] playsWhatItHolds(Path file, int streams) {
        long[] n = packetCounts(file, streams);
        if (java.util.Arrays.stream(n).sum() > 0) {
            decodesCleanly(file);
        }
        return n;
    }

    /** framemd5 lines (stream, dts, pts, duration, size, hash), without comments. */
    static List<String> framemd5(Path file) {
        Result r = run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0", "-c", "copy", "-f", "framemd5", "-");
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** Decoded-frame md5s per stream (what a viewer sees), without comments. */
    static List<String> decodedMd5(Path file) {
        Result r = run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0", "-f", "framemd5", "-");
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** ffprobe packets as "stream,pts,dts,duration,size,flags". */
    static List<String> packets(Path file) {
        Result r = run(ExternalTools.ffprobe().toString(), "-v", "error", "-show_entries",
                "packet=stream_index,pts,dts,duration,size,flags", "-of", "csv=p=0", file.toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Packets per stream as ffprobe counts them. */
    static long[] packetCounts(Path file, int streams) {
        long[] n = new long[streams];
        for (String line : packets(file)) {
            n[Integer.parseInt(line.split(",")[0])]++;
        }
        return n;
    }

    static String mediainfo(Path file, String inform) {
        Result r = run(ExternalTools.mediainfo().toString(), "--Inform=" + inform, file.toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(Arrays.asList(parts));
    }
}
