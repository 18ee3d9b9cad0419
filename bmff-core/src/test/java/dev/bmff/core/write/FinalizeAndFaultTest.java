package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every state the hybrid finalize passes through plays in full, and an I/O error at any byte leaves a file
 * that plays up to its last complete fragment.
 */
class FinalizeAndFaultTest {
    private static final List<String> FINALIZE_STEPS = List.of("last fragment written", "standard moov appended",
            "ftyp rewritten", "placeholder is mdat");

    @TempDir
    Path dir;

    @Test
    void hybridFinalize_stoppedAfterEachWrite_leavesAFileThatPlaysInFull() throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        Path out = dir.resolve("hybrid.mp4");
        Map<String, Path> states = new LinkedHashMap<>();
        // Fragments are committed on a thread of their own: a copy taken there may hold part of the next one.
        FragmentStream.WriteHook snapshot = step -> {
            synchronized (states) {
                Path copy = dir.resolve("state-" + states.size() + ".mp4");
                Files.copy(out, copy, StandardCopyOption.REPLACE_EXISTING); // the page cache is what a reader sees
                states.put(step, copy);
            }
        };
        long[] total = {src.of(0).size(), src.of(1).size()};
        try (Mp4Writer w = HybridWriter.create(FileChannel.open(out, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), src.specs(), HybridWriter.Options.defaults()
                .withMaxFragmentDuration(Duration.ofMillis(500)), snapshot)) {
            for (Sample s : src.samples()) {
                w.write(s);
            }
        }
        assertTrue(states.keySet().containsAll(FINALIZE_STEPS), states.keySet().toString());
        boolean finalizing = false;
        for (Map.Entry<String, Path> e : states.entrySet()) {
            finalizing |= e.getKey().equals(FINALIZE_STEPS.get(0));
            long[] counts = Tools.playsWhatItHolds(e.getValue(), 2);
            long[] indexed = indexedCounts(e.getValue());
            assertArrayEquals(indexed, counts, e.getKey() + ": ffprobe sees what the index sees");
            if (finalizing) {
                assertArrayEquals(total, counts, e.getKey() + ": every frame");
            }
        }
        // The moov append is one write, but a crash could cut it anywhere: still the fragmented file.
        Path withMoov = states.get("standard moov appended");
        Path before = states.get("last fragment written");
        long from = Files.size(before);
        long to = Files.size(withMoov);
        for (long cut : new long[] {from + 4, from + 8, (from + to) / 2, to - 1}) {
            Path p = dir.resolve("cut-" + cut + ".mp4");
            Files.copy(withMoov, p, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            Tools.decodesCleanly(p);
            assertArrayEquals(total, Tools.packetCounts(p, 2), "moov cut at " + cut);
        }
        WriterInteropTest.assertSameSamples(src, out);
    }

    @Test
    void ioErrorAtAnyByte_reachesTheCallerAndLeavesAFileThatPlaysUpToTheLastFragment() throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        long size = Files.size(WriterInteropTest.write(WriterInteropTest.Kind.HYBRID, src, dir.resolve("full.mp4")));
        List<Long> failAts = new ArrayList<>();
        for (long at = 1500; at < size + 2000; at += size / 9) {
            failAts.add(at);
        }
        int failures = 0;
        for (long failAt : failAts) {
            for (WriterInteropTest.Kind kind : WriterInteropTest.Kind.values()) {
                Path out = dir.resolve(kind + "-" + failAt + ".mp4");
                FileChannel ch = new FailingChannel(FileChannel.open(out, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), failAt);
                Mp4Writer w = kind == WriterInteropTest.Kind.HYBRID
                        ? HybridWriter.create(ch, src.specs(), HybridWriter.Options.defaults()
                                .withMaxFragmentDuration(Duration.ofMillis(500)), FragmentStream.WriteHook.NONE)
                        : FragmentedWriter.create(ch, src.specs(), FragmentedWriter.Options.defaults()
                                .withMaxFragmentDuration(Duration.ofMillis(500)), FragmentStream.WriteHook.NONE);
                IOException error = null;
                try (w) {
                    for (Sample s : src.samples()) {
                        w.write(s);
                    }
                } catch (IOException e) {
                    error = e;
                }
                if (error == null) {
                    continue; // the whole file fitted
                }
                failures++;
                assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
                IOException again = assertThrows(IOException.class, () -> w.write(src.samples().get(0)));
                assertTrue(again.getMessage().contains("earlier error") || again.getMessage().contains("closed"),
                        again.getMessage());
                assertArrayEquals(indexedCounts(out), Tools.playsWhatItHolds(out, 2), kind + " failing at " + failAt);
            }
        }
        assertTrue(failures >= 10, "faults injected: " + failures);
    }

    private static long[] indexedCounts(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        long[] n = new long[2];
        for (int t = 0; t < index.tracks().size() && t < 2; t++) {
            n[t] = index.tracks().get(t).sampleCount();
        }
        return n;
    }
}
