package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.ChunkOffsetBox;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.table.SampleTableBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardWriterTest {
    private static final TrackSpec VIDEO = TrackSpec.video(
            VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 12800);
    private static final TrackSpec AUDIO = TrackSpec.audio(
            AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000);

    @TempDir
    Path dir;

    @Test
    void trackIndexOutOfRange_isRejectedWithTheRange() throws Exception {
        try (StandardWriter w = StandardWriter.create(dir.resolve("a.mp4"), List.of(VIDEO),
                StandardWriter.Options.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(new Sample(1, Bytes.of((byte) 1), 0, 0, 512, true)));
            assertTrue(e.getMessage().contains("track 1"), e.getMessage());
        }
    }

    @Test
    void writeAfterClose_throwsIOException_closeIsIdempotent() throws Exception {
        StandardWriter w = StandardWriter.create(dir.resolve("a.mp4"), List.of(VIDEO),
                StandardWriter.Options.defaults());
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.write(new Sample(0, Bytes.of((byte) 1), 0, 0, 512, true)));
        assertThrows(IOException.class, w::flush);
    }

    @Test
    void nonIncreasingDecodeTime_isRejected_orRepaired() throws Exception {
        try (StandardWriter w = StandardWriter.create(dir.resolve("r.mp4"), List.of(VIDEO),
                StandardWriter.Options.defaults())) {
            w.write(new Sample(0, Bytes.of((byte) 1), 512, 0, Sample.UNKNOWN_DURATION, true));
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(new Sample(0, Bytes.of((byte) 2), 512, 0, Sample.UNKNOWN_DURATION, true)));
        }
        Path out = dir.resolve("p.mp4");
        try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO),
                StandardWriter.Options.defaults().withTimestampPolicy(TrackTimeline.Policy.REPAIR))) {
            w.write(new Sample(0, Bytes.of((byte) 1), 0, 0, Sample.UNKNOWN_DURATION, true));
            w.write(new Sample(0, Bytes.of((byte) 2), 512, 0, Sample.UNKNOWN_DURATION, true));
            w.write(new Sample(0, Bytes.of((byte) 3), 512, 0, Sample.UNKNOWN_DURATION, true));
        }
        TrackSamples t = index(out).tracks().get(0);
        assertEquals(List.of(0L, 512L, 1024L), List.of(t.dts(0), t.dts(1), t.dts(2)));
    }

    @Test
    void emptyTrack_stillGivesAValidFile() throws Exception {
        for (boolean faststart : new boolean[] {false, true}) {
            Path out = dir.resolve("empty-" + faststart + ".mp4");
            try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO, AUDIO),
                    StandardWriter.Options.defaults().withFaststart(faststart))) {
                w.write(new Sample(0, Bytes.of((byte) 9, (byte) 9), 0, 0, 512, true));
            }
            SampleIndex index = index(out);
            assertEquals(1, index.tracks().get(0).sampleCount());
            assertEquals(0, index.tracks().get(1).sampleCount());
            assertEquals(List.of(), leftovers());
        }
        Path none = dir.resolve("none.mp4");
        StandardWriter.create(none, List.of(VIDEO), StandardWriter.Options.defaults()).close();
        assertEquals(0, index(none).tracks().get(0).sampleCount());
    }

    @Test
    void layout_ftypFreeMdatMoov_orFtypMoovFreeMdat_withFaststart() throws Exception {
        for (boolean faststart : new boolean[] {false, true}) {
            Path out = dir.resolve("l-" + faststart + ".mp4");
            try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO),
                    StandardWriter.Options.defaults().withFaststart(faststart))) {
                for (int i = 0; i < 100; i++) {
                    w.write(new Sample(0, Bytes.of(new byte[100]), i * 512L, 0, Sample.UNKNOWN_DURATION, i % 10 == 0));
                }
            }
            List<String> types = BoxReader.read(out, ReadOptions.strict()).nodes().stream()
                    .map(n -> n.box().type().toString()).toList();
            assertEquals(faststart ? List.of("ftyp", "moov", "free", "mdat") : List.of("ftyp", "free", "mdat", "moov"),
                    types);
        }
    }

    @Test
    void bFrameDelay_givesAnEditListStartingAtTheFirstPresentationTime() throws Exception {
        Path out = dir.resolve("b.mp4");
        int[] ctos = {1024, 2560, 1024, 0, 512};
        try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO), StandardWriter.Options.defaults())) {
            for (int i = 0; i < ctos.length; i++) {
                w.write(new Sample(0, Bytes.of((byte) i), i * 512L, ctos[i], Sample.UNKNOWN_DURATION, i == 0));
            }
        }
        MovieBox moov = BoxReader.read(out, ReadOptions.strict()).movie().orElseThrow();
        EditListBox elst = moov.children().stream().filter(b -> b.type().equals(BoxTypes.TRAK)).findFirst()
                .map(b -> ((dev.bmff.core.box.TrackBox) b).first(EditBox.class).orElseThrow()
                        .first(EditListBox.class).orElseThrow()).orElseThrow();
        assertEquals(1024, elst.entries().get(0).mediaTime());
        // Presentation ends with the last picture shown (cts 3072 + 512), not with the last decoded: 200 ms.
        assertEquals(200, elst.entries().get(0).segmentDuration());
    }

    @Test
    void mediaDataHeader_isCompactUpTo4GiB_andLargeAbove() {
        ByteBuffer small = MediaDataHeader.finalHeader(0xFFFF_FFFFL - 8);
        assertEquals(8, small.getInt(0));
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(small.getInt(8)));
        ByteBuffer large = MediaDataHeader.finalHeader(0xFFFF_FFFFL - 7);
        assertEquals(1, large.getInt(0));
        assertEquals(0xFFFF_FFFFL - 7 + 16, large.getLong(8));
        assertEquals(16, MediaDataHeader.placeholder().remaining());
    }

    @Test
    void faststartShift_thatPushesAnOffsetPast4GiB_switchesToCo64_andSettles() {
        SampleTableBuilder near = new SampleTableBuilder();
        near.startChunk(0xFFFF_FFFFL - 100, 1);
        near.addSample(10, 512, 0, true);
        SampleTableBuilder low = new SampleTableBuilder();
        low.startChunk(48, 1);
        low.addSample(10, 1024, 0, true);
        List<MovieBuilder.TrackMedia> media = List.of(new MovieBuilder.TrackMedia(near, 0),
                new MovieBuilder.TrackMedia(low, 0));
        FastStartLayout.Placed placed = FastStartLayout.place(List.of(VIDEO, AUDIO), media);
        assertEquals(placed.moov().length, placed.shift(), "the media moved by exactly the moov's size");
        List<Box> nearTables = near.build();
        List<Box> lowTables = low.build();
        ChunkLargeOffsetBox co64 = (ChunkLargeOffsetBox) nearTables.get(nearTables.size() - 1);
        assertEquals(0xFFFF_FFFFL - 100 + placed.shift(), co64.offsets().get(0));
        ChunkOffsetBox stco = (ChunkOffsetBox) lowTables.get(lowTables.size() - 1);
        assertEquals(48 + placed.shift(), stco.offsets().get(0));
    }

    @Test
    void mediaPast4GiB_givesLargeMdatHeaderAndCo64_readBackExactly() throws Exception {
        Path out = dir.resolve("big.mp4");
        byte[] a = {1, 2, 3, 4};
        byte[] b = {5, 6, 7};
        try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO, AUDIO), StandardWriter.Options.defaults())) {
            w.write(new Sample(0, Bytes.of(a), 0, 0, 512, true));
            w.write(new Sample(1, Bytes.of(b), 0, 0, 1024, true));
            w.skipMediaBytesForTest(5_000_000_000L); // a sparse hole: no disk blocks, no time
            w.write(new Sample(0, Bytes.of(b), 512, 0, 512, true));
            w.write(new Sample(1, Bytes.of(a), 1024, 0, 1024, true));
        }
        ReadResult file = BoxReader.read(out, ReadOptions.strict());
        BoxNode mdat = file.nodes().stream().filter(n -> n.box() instanceof MediaDataBox).findFirst().orElseThrow();
        assertTrue(((MediaDataBox) mdat.box()).largeHeader(), "64-bit mdat header");
        assertTrue(mdat.header().size() > 5_000_000_000L);
        assertEquals(file.fileSize(), mdat.header().offset() + mdat.header().size()
                + dev.bmff.core.io.BoxWriter.sizeOf(file.movie().orElseThrow()));
        SampleIndex index = SampleIndex.of(file);
        try (FileChannel ch = FileChannel.open(out)) {
            for (TrackSamples t : index.tracks()) {
                assertEquals(2, t.sampleCount());
                assertTrue(t.offset(1) > 0xFFFF_FFFFL, "second sample above 4 GiB");
                List<Box> stbl = ((dev.bmff.core.box.TrackBox) t.trackBox()).first(dev.bmff.core.box.MediaBox.class)
                        .orElseThrow().first(dev.bmff.core.box.MediaInformationBox.class).orElseThrow()
                        .first(dev.bmff.core.box.SampleTableBox.class).orElseThrow().children();
                assertTrue(stbl.stream().anyMatch(x -> x.type().equals(BoxTypes.CO64)), "co64");
                assertFalse(stbl.stream().anyMatch(x -> x.type().equals(BoxTypes.STCO)), "no stco");
            }
            assertArrayEquals(a, read(ch, index.tracks().get(0), 0));
            assertArrayEquals(b, read(ch, index.tracks().get(0), 1));
            assertArrayEquals(b, read(ch, index.tracks().get(1), 0));
            assertArrayEquals(a, read(ch, index.tracks().get(1), 1));
        }
    }

    @Test
    void flush_writesOpenChunks_andForcesWithDurability() throws Exception {
        Path out = dir.resolve("f.mp4");
        try (StandardWriter w = StandardWriter.create(out, List.of(VIDEO),
                StandardWriter.Options.defaults().withDurability(Durability.everyFragment()))) {
            w.write(new Sample(0, Bytes.of(new byte[1000]), 0, 0, 512, true));
            w.write(new Sample(0, Bytes.of(new byte[1000]), 512, 0, 512, true));
            w.flush();
            try (Stream<Path> s = Files.list(dir)) {
                Path partial = s.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst()
                        .orElseThrow();
                // The second sample waits in its timeline for the next decode time (or close).
                assertTrue(Files.size(partial) >= 1000 + 16, "the first sample is on disk after flush");
            }
            assertFalse(Files.exists(out), "the target appears only at close");
        }
        assertEquals(2, index(out).tracks().get(0).sampleCount());
        assertEquals(List.of(), leftovers());
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static byte[] read(FileChannel ch, TrackSamples t, int i) throws IOException {
        return PositionalReads.readFully(ch, t.offset(i), (int) t.size(i));
    }

    private static SampleIndex index(Path p) throws IOException {
        return SampleIndex.of(BoxReader.read(p, ReadOptions.strict()));
    }
}
