package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A read file as the writers take it: every sample once, in time order, its bytes where the index says. */
class RemuxSourceTest {
    @TempDir
    Path dir;

    /** The copy loop's read through one reused direct buffer gives every sample exactly as the plain read does. */
    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "h264-aac-frag.mp4", "h264-aac-tmcd.mov"})
    void read_throughAReusedBuffer_sameSamplesAsThePlainRead(String fixture) throws IOException {
        RemuxSource source = RemuxSource.read(Fixtures.file(fixture));
        java.nio.ByteBuffer[] scratch = new java.nio.ByteBuffer[1];
        long count = 0;
        try (FileChannel ch = FileChannel.open(source.file())) {
            for (RemuxSource.Item item : source.samples()) {
                Sample plain = source.read(ch, item);
                Sample reused = source.read(ch, item, scratch);
                assertEquals(plain.track(), reused.track());
                assertEquals(plain.dts(), reused.dts());
                assertEquals(plain.compositionOffset(), reused.compositionOffset());
                assertEquals(plain.duration(), reused.duration());
                assertEquals(plain.sync(), reused.sync());
                assertArrayEquals(plain.data().toArray(), reused.data().toArray(), "sample " + item);
                count++;
            }
        }
        assertEquals(source.sampleCount(), count);
        assertTrue(scratch[0] != null && scratch[0].isDirect(), "the buffer was made and reused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "h264-aac-frag.mp4", "h264-aac-tmcd.mov", "h264-editlist.mp4"})
    void samples_everySampleOnce_interleavedByDecodeSeconds_bytesFromTheFile(String fixture) throws IOException {
        RemuxSource source = RemuxSource.read(Fixtures.file(fixture));
        List<TrackSamples> tracks = source.tracks();
        int[] next = new int[tracks.size()];
        double last = -1;
        int lastTrack = -1;
        long count = 0;
        try (FileChannel ch = FileChannel.open(source.file())) {
            for (RemuxSource.Item item : source.samples()) {
                TrackSamples t = tracks.get(item.track());
                assertEquals(next[item.track()]++, item.index(), "track " + item.track() + " in decode order");
                assertTrue(item.seconds() > last || item.seconds() == last && item.track() >= lastTrack,
                        "by seconds, then track: " + item);
                last = item.seconds();
                lastTrack = item.track();
                int i = item.index();
                assertEquals(t.dts(i) - t.dts(0), item.dts(), "decode time from the track's first");
                assertEquals((double) item.dts() / t.timescale(), item.seconds());
                Sample s = source.read(ch, item);
                assertEquals(item.track(), s.track());
                assertEquals(t.cts(i) - t.dts(i), s.compositionOffset());
                assertEquals(t.isSync(i), s.sync());
                assertArrayEquals(PositionalReads.readFully(ch, t.offset(i), (int) t.size(i)), s.data().toArray());
                count++;
            }
        }
        assertEquals(source.sampleCount(), count);
        for (int k = 0; k < tracks.size(); k++) {
            assertEquals(tracks.get(k).sampleCount(), next[k], "every sample of track " + k);
            assertSame(tracks.get(k).trackBox(), source.specs().get(k).source());
        }
    }

    @Test
    void specs_editListsInTheSourceMovieTimescale_orConvertedToAnother() throws IOException {
        // meta.mov's movie timescale is 600, its tracks have edit lists.
        RemuxSource source = RemuxSource.read(Fixtures.dir().resolve("real").resolve("meta.mov"));
        assertEquals(600, source.movieTimescale());
        assertSame(source.specs(), source.specs(600));
        List<TrackSpec> inMillis = source.specs(MovieBuilder.MOVIE_TIMESCALE);
        boolean sawEdit = false;
        for (int k = 0; k < source.specs().size(); k++) {
            List<EditListBox.Entry> edits = source.specs().get(k).editList();
            List<EditListBox.Entry> converted = inMillis.get(k).editList();
            assertEquals(edits.size(), converted.size());
            for (int e = 0; e < edits.size(); e++) {
                long d = edits.get(e).segmentDuration();
                assertEquals(d < 0 ? d : Math.round(d * 1000.0 / 600), converted.get(e).segmentDuration());
                assertEquals(edits.get(e).mediaTime(), converted.get(e).mediaTime());
                sawEdit = true;
            }
        }
        assertTrue(sawEdit, "meta.mov has edit lists");
    }

    @Test
    void read_fileCutAfterTheIndexWasRead_namesTheTrackAndTheSampleOffset() throws IOException {
        Path copy = Files.copy(Fixtures.file("h264-aac.mp4"), dir.resolve("cut.mp4"));
        RemuxSource source = RemuxSource.read(copy);
        RemuxSource.Item lastAudio = null;
        for (RemuxSource.Item item : source.samples()) {
            if (item.track() == 1) {
                lastAudio = item;
            }
        }
        RemuxSource.Item item = lastAudio;
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            ch.truncate(item.bytes().offset() + 1);
        }
        try (FileChannel ch = FileChannel.open(copy)) {
            BmffFormatException e = assertThrows(BmffFormatException.class, () -> source.read(ch, item));
            assertEquals(item.bytes().offset(), e.offset());
            assertEquals("moov/trak[1]", e.boxPath());
            assertTrue(e.detail().startsWith("sample " + (item.index() + 1) + " of track "
                    + source.tracks().get(1).trackId() + " ends past the end of the file"), e.getMessage());
        }
    }

    @Test
    void read_initSegmentAlone_noTrackWithSamples_namesTheMoov() throws IOException {
        Path init = Fixtures.dir().resolve("real").resolve("cmaf-shaka").resolve("video_init.mp4");
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> RemuxSource.read(init));
        assertEquals("moov", e.boxPath());
        assertTrue(e.offset() > 0, "the moov's offset, after the ftyp: " + e.getMessage());
        assertEquals("no track with samples", e.detail());
    }

    @Test
    void readSegment_samplesInTheSegment_movieBoxesOfTheInit() throws IOException {
        Path dir = Fixtures.dir().resolve("real").resolve("cmaf-shaka");
        RemuxSource source = RemuxSource.readSegment(dir.resolve("video_init.mp4"), dir.resolve("video_1.m4s"));
        assertEquals(dir.resolve("video_1.m4s"), source.file());
        assertTrue(source.sampleCount() > 0);
        assertTrue(source.movieBoxes().stream().anyMatch(b -> b.type().toString().equals("mvhd")));
    }
}
