package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 50 MB of random bytes spliced into the media data: skipped with the quick NAL scan, reported as one range, and
 * everything after it recovered. The time is printed, not asserted (machines differ).
 */
class LargeGarbageTest {
    private static final int GARBAGE = 50 << 20;

    @Test
    void repair_50MBOfRandomBytesInTheMdat_skipsThemAsOneRangeAndRecoversWhatFollows() throws IOException {
        Path original = Fixtures.file("h264-aac.mp4");
        Path dir = Files.createDirectories(Path.of("target", "large-garbage"));
        Path broken = BrokenFiles.withoutMoov(original, BrokenFiles.mdat(original).end(), dir.resolve("b.mp4"));
        long at = SampleIndex.of(BoxReader.read(original, ReadOptions.strict())).tracks().get(0).offset(30);
        Path spliced = dir.resolve("spliced.mp4");
        // Streamed in, never held whole: the head, 50 MB of random bytes in 1 MB pieces, the rest.
        try (FileChannel in = FileChannel.open(broken); FileChannel out = FileChannel.open(spliced,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(0, at, out);
            Random random = new Random(50);
            byte[] piece = new byte[1 << 20];
            for (int i = 0; i < GARBAGE / piece.length; i++) {
                random.nextBytes(piece);
                out.write(ByteBuffer.wrap(piece));
            }
            in.transferTo(at, in.size() - at, out);
        }
        Path fixed = dir.resolve("fixed.mp4");
        try {
            long[] times = new long[2];
            // The walk starts with done = 0 and ends with done = total; the fixture's own media is 53 KB, so the
            // walk's time is the skip's.
            ProgressListener clock = (done, total) -> {
                if (done == 0) {
                    times[0] = System.nanoTime();
                } else if (done == total) {
                    times[1] = System.nanoTime();
                }
            };
            long t0 = System.nanoTime();
            RepairReport report = Recovery.repair(original, spliced, fixed,
                    RepairOptions.defaults().withMaxSkipBytes(128L << 20).withProgress(clock));
            long walkNanos = times[1] - times[0];
            System.out.printf("LargeGarbageTest: %d MB of garbage skipped (the whole walk) in %d ms (%.0f MB/s, one"
                    + " cold run: JIT warm-up included); whole repair (model, walk, 50 MB copy and fsync) %d ms%n",
                    GARBAGE >> 20, walkNanos / 1_000_000, GARBAGE / (walkNanos / 1e3),
                    (System.nanoTime() - t0) / 1_000_000);

            assertEquals(1, report.skipped().size(), report.toString());
            assertEquals(at, report.skipped().get(0).offset());
            assertEquals(GARBAGE, report.skipped().get(0).length());
            assertEquals(Expected.sizes(original), Expected.sizes(fixed));
            assertEquals(RecoveryInteropTest.frameLines(original), RecoveryInteropTest.frameLines(fixed));
            assertEquals("", ExternalTools.decodeErrors(fixed));
        } finally {
            Files.deleteIfExists(spliced);
            Files.deleteIfExists(fixed);
            Files.deleteIfExists(broken);
        }
    }
}
