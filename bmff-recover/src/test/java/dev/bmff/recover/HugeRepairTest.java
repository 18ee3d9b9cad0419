package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The issue's memory bound, "memory grows with the number of samples only", on the case where untrunc stops
 * early (a high-bitrate 1080p file over 1 GB): a 2.2 GB recording that lost its moov (real H.264 + AAC from
 * ffmpeg, 1080p25 with noise at about 180 Mbit/s, its media data repeated by
 * {@code scripts/HugeBrokenFile.java}) is repaired in place in a child JVM with {@code -Xmx64m}, a thirtieth of
 * the file. Every sample of every copy must come back, the file must decode at its start and its end, and the
 * child reports its peak heap. {@code scripts/huge-repair.sh} does the same at any size (50 GB with
 * {@code -Xmx256m}).
 */
class HugeRepairTest {
    private static final long SIZE = 2_200_000_000L;
    private static final String HEAP = "-Xmx64m";

    @Test
    void aMultiGigabyteFile_isRepairedWithA64MegabyteHeap() throws Exception {
        Path dir = Path.of("target", "huge-repair").toAbsolutePath();
        Files.createDirectories(dir);
        Path reference = dir.resolve("reference.mp4");
        Path broken = dir.resolve("broken.mp4");
        Files.deleteIfExists(reference);
        Files.deleteIfExists(broken);
        Files.deleteIfExists(dir.resolve("broken.mp4.bmff-undo"));
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < SIZE + (1L << 30)) {
            fail("HugeRepairTest needs " + (SIZE >> 20) + " MiB and 1 GiB to spare in " + dir + "; only "
                    + (free >> 20) + " MiB are free");
        }
        try {
            ExternalTools.run(Duration.ofSeconds(120), List.of("ffmpeg", "-v", "error", "-nostdin",
                    "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
                    "-vf", "noise=alls=30:allf=t", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ac", "2", reference.toString()));
            String made = child(List.of(java(), Path.of(Fixtures.dir().getParent().toString(), "scripts",
                    "HugeBrokenFile.java").toString(), reference.toString(), broken.toString(), Long.toString(SIZE)),
                    dir.resolve("generate.log"));
            long copies = value(made, "copies");
            assertTrue(Files.size(broken) >= SIZE, "generated " + Files.size(broken) + " bytes");

            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path gcLog = dir.resolve("gc.log");
            String repaired = child(List.of(java(), HEAP, "-Xlog:gc:file=" + gcLog, "-cp", classPath,
                    HugeRepairChild.class.getName(),
                    reference.toString(), broken.toString(), dir.resolve("unused.mp4").toString(), "--in-place"),
                    dir.resolve("repair.log"));
            System.out.printf("[huge-repair] %d bytes (%d copies) in place with %s: %d ms, peak heap %.1f MiB%n",
                    Files.size(broken), copies, HEAP, value(repaired, "millis"), peakHeap(gcLog) / 1048576.0);
            assertTrue(peakHeap(gcLog) > 0, "no collection in the GC log " + gcLog);

            List<TrackSamples> ref = SampleIndex.of(BoxReader.read(reference, ReadOptions.strict())).tracks();
            List<TrackSamples> got = SampleIndex.of(BoxReader.read(broken, ReadOptions.strict())).tracks();
            assertEquals(ref.size(), got.size(), "tracks");
            for (int t = 0; t < ref.size(); t++) {
                long want = copies * ref.get(t).sampleCount();
                assertEquals(want, got.get(t).sampleCount(), "samples of track " + (t + 1));
                assertTrue(repaired.contains("samples=" + want), "the child's report: " + repaired);
            }
            // Decodes cleanly at the start and at the end (a full decode of 2 GB would take minutes).
            double seconds = copies * 2.0;
            for (String from : List.of("0", Double.toString(seconds - 1.5))) {
                // Standard error too: that is where ffmpeg reports decoding errors (its exit status stays 0).
                String errors = child(List.of(ExternalTools.require("ffmpeg").toString(), "-v", "error", "-nostdin",
                        "-ss", from, "-i", broken.toString(), "-t", "1", "-f", "null", "-"), dir.resolve("decode.log"));
                assertEquals("", errors.strip(), "ffmpeg from " + from + " s");
            }
        } finally {
            Files.deleteIfExists(broken);
            Files.deleteIfExists(dir.resolve("broken.mp4.bmff-undo"));
            Files.deleteIfExists(reference);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Runs {@code command}, output and errors to {@code log}; fails unless it exits 0 within 5 minutes. */
    private static String child(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 5 minutes");
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** The most heap in use before any collection of the GC log ({@code -Xlog:gc}: "... 30M->5M(64M) ..."). */
    static long peakHeap(Path gcLog) throws java.io.IOException {
        Matcher m = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "K" -> 1L << 10;
                case "M" -> 1L << 20;
                default -> 1L << 30;
            };
            peak = Math.max(peak, Long.parseLong(m.group(1)) * unit);
        }
        return peak;
    }

    private static long value(String output, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(\\d+)").matcher(output);
        if (!m.find()) {
            fail("no " + key + "= in:\n" + output);
        }
        return Long.parseLong(m.group(1));
    }
}
