package dev.bmff.benchmarks.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media the scan benchmarks read, made with ffmpeg on first use and kept under {@code target/}
 * (never committed). Two kinds of H.264 with an access unit delimiter in every picture:
 * <ul>
 * <li>{@code cavlc}: x264 {@code ultrafast} (CAVLC, no CABAC) of a synthetic test pattern: long zero
 * runs and regular structure, the worst case for scanners that skip on zero bytes;
 * <li>{@code cabac}: x264 {@code veryfast} (CABAC) of the pattern under heavy noise at 40 Mbit/s: bytes
 * that look random, like a high-bitrate camera recording.
 * </ul>
 * Each kind exists as an Annex B stream (start codes) and as an MP4 (length-prefixed NAL units, box
 * headers); a benchmark takes the first {@link #SIZE} bytes, repeating the file if it is shorter.
 */
public final class ScanData {
    /** Bytes each benchmark scans: more than the last-level cache of the machines we run on. */
    public static final int SIZE = 64 << 20;

    private ScanData() {
    }

    /** Where the generated files live: {@code $BMFF_BENCH_DATA}, else {@code bmff-benchmarks/target/scan-data}. */
    public static Path dir() {
        String env = System.getenv("BMFF_BENCH_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path module = Path.of("bmff-benchmarks");
        return (Files.isDirectory(module) ? module.resolve("target") : Path.of("target")).resolve("scan-data");
    }

    /**
     * A file of exactly {@link #SIZE} bytes of {@code kind} ({@code cavlc} or {@code cabac}), Annex B
     * ({@code annexb}) or MP4 ({@code mp4}); generated on first use.
     */
    public static synchronized Path file(String kind, String container) {
        try {
            Path dir = Files.createDirectories(dir());
            Path out = dir.resolve(kind + "-" + container + ".bin");
            if (Files.isRegularFile(out) && Files.size(out) == SIZE) {
                return out;
            }
            Path h264 = dir.resolve(kind + ".h264");
            if (!Files.isRegularFile(h264)) {
                encode(kind, h264);
            }
            Path source = h264;
            if (container.equals("mp4")) {
                source = dir.resolve(kind + ".mp4");
                if (!Files.isRegularFile(source)) {
                    ffmpeg(List.of("-i", h264.toString(), "-c", "copy", "-f", "mp4"), source);
                }
            } else if (!container.equals("annexb")) {
                throw new IllegalArgumentException("container " + container);
            }
            byte[] media = Files.readAllBytes(source);
            byte[] data = new byte[SIZE];
            for (int at = 0; at < SIZE; at += media.length) {
                System.arraycopy(media, 0, data, at, Math.min(media.length, SIZE - at));
            }
            Path tmp = Files.createTempFile(dir, kind, ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void encode(String kind, Path out) throws IOException {
        List<String> args = switch (kind) {
            case "cavlc" -> List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "30",
                    "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "aud=1", "-f", "h264");
            case "cabac" -> List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25,noise=alls=40:allf=t",
                    "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "40M", "-maxrate", "40M",
                    "-bufsize", "20M", "-x264-params", "aud=1", "-f", "h264");
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        ffmpeg(args, out);
    }

    /** Runs ffmpeg with {@code args}, writing {@code out} through a temporary file (other benchmarks make media too). */
    public static void ffmpeg(List<String> args, Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(args);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        cmd.add(tmp.toString());
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Generates every file (for the bench script, before the timed runs). */
    public static void main(String[] args) {
        for (String kind : List.of("cavlc", "cabac")) {
            for (String container : List.of("annexb", "mp4")) {
                System.out.println(file(kind, container));
            }
        }
    }
}
