package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.ContainerBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.testing.BrokenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broken file whose media data passes 4 GiB, built sparse in a second: the fixture's samples at the start, a hole
 * of zeros (never written, so it costs no disk) up to 4 GiB + 1 MiB, the same samples again, no moov. The recovery
 * skips the hole (zero runs 8 bytes at a time) and, in place, gives the file a 64-bit mdat header and co64 offsets
 * that our reader resolves to the samples beyond 4 GiB. Then the in-place repair is undone.
 */
class Above4GiBTest {
    private static final long SECOND_COPY = (4L << 30) + (1 << 20);

    @Test
    void repairInPlace_mediaPast4GiB_writesALargeMdatHeaderAndCo64OffsetsBeyond4GiB() throws IOException {
        Path original = Fixtures.file("h264-aac.mp4");
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        Path dir = Files.createDirectories(Path.of("target", "above-4gib"));
        Path broken = dir.resolve("big.mp4");
        Files.deleteIfExists(broken);
        Files.deleteIfExists(dir.resolve("big.mp4.bmff-undo"));
        byte[] all = Files.readAllBytes(original);
        byte[] media = Arrays.copyOfRange(all, (int) m.start(), (int) m.end());
        long headerAt = m.start() - 8;
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(all, 0, (int) headerAt));              // ftyp, free (8 bytes)
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'})); // size 0: the moov never came
            ch.write(ByteBuffer.wrap(media));
            ch.write(ByteBuffer.wrap(media), SECOND_COPY);                 // the hole before it stays sparse
        }
        long length = Files.size(broken);
        byte[] head = Arrays.copyOf(Files.readAllBytes(original), (int) m.start());
        try {
            long t0 = System.nanoTime();
            RepairReport report = Recovery.repair(original, broken, dir.resolve("unused.mp4"),
                    RepairOptions.defaults().withInPlace(true).withMaxSkipBytes(8L << 30));
            System.out.printf("Above4GiBTest: %.2f GB repaired in place in %d ms%n", length / 1e9,
                    (System.nanoTime() - t0) / 1_000_000);

            assertEquals(RepairKind.MOOV_REBUILT_IN_PLACE, report.kind(), report.toString());
            assertEquals(1, report.skipped().size(), report.toString());
            assertEquals(m.start() + media.length, report.skipped().get(0).offset());
            assertEquals(SECOND_COPY, report.skipped().get(0).offset() + report.skipped().get(0).length());

            ReadResult fixed = BoxReader.read(broken, ReadOptions.strict());
            assertTrue(fixed.isClean(), fixed.problems().toString());
            assertTrue(fixed.first(MediaDataBox.class).orElseThrow().largeHeader(), "64-bit mdat header");
            assertTrue(contains(fixed.movie().orElseThrow(), ChunkLargeOffsetBox.class), "co64");
            List<TrackSamples> ref = SampleIndex.of(BoxReader.read(original, ReadOptions.strict())).tracks();
            List<TrackSamples> got = SampleIndex.of(fixed).tracks();
            assertEquals(ref.size(), got.size());
            for (int t = 0; t < ref.size(); t++) {
                TrackSamples r = ref.get(t);
                TrackSamples g = got.get(t);
                int n = r.sampleCount();
                assertEquals(2 * n, g.sampleCount(), "track " + t);
                for (int k = 0; k < n; k++) {
                    assertEquals(r.offset(k), g.offset(k));
                    assertEquals(r.offset(k) - m.start() + SECOND_COPY, g.offset(n + k), "track " + t + " sample " + k);
                    assertEquals(r.size(k), g.size(n + k));
                }
                assertTrue(g.offset(n) > 0xFFFF_FFFFL);
            }
            assertEquals("", ExternalTools.decodeErrors(broken));

            Recovery.undo(broken);
            assertEquals(length, Files.size(broken));
            try (FileChannel ch = FileChannel.open(broken)) {
                ByteBuffer b = ByteBuffer.allocate(head.length);
                ch.read(b, 0);
                byte[] expected = head.clone();
                expected[(int) headerAt] = 0;
                expected[(int) headerAt + 1] = 0;
                expected[(int) headerAt + 2] = 0;
                expected[(int) headerAt + 3] = 0;
                assertArrayEquals(expected, b.array());
            }
        } finally {
            Files.deleteIfExists(broken);
            Files.deleteIfExists(dir.resolve("big.mp4.bmff-undo"));
        }
    }

    private static boolean contains(Box box, Class<? extends Box> kind) {
        if (kind.isInstance(box)) {
            return true;
        }
        if (box instanceof ContainerBox c) {
            for (Box child : c.children()) {
                if (contains(child, kind)) {
                    return true;
                }
            }
        }
        return false;
    }
}
