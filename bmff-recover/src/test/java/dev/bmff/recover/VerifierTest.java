package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.io.BoxHeader;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Verifier}: every fixture is sound; each kind of damage is found and named with its offset. */
class VerifierTest {
    @TempDir
    Path dir;

    static Stream<Path> fixtures() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void verify_everyFixture_isSound(Path fixture) throws IOException {
        VerifyReport r = Verifier.verify(fixture);
        assertTrue(r.isSound(), () -> fixture.getFileName() + ": " + r);
        assertFalse(r.tracks().isEmpty());
        assertTrue(r.tracks().stream().allMatch(t -> t.samples() > 0), r::toString);
        assertTrue(r.toJson().startsWith("{\"sound\":true,"), r.toJson());
    }

    @Test
    void verify_truncatedMdat_namesTheMdatOffset() throws IOException {
        Path src = Fixtures.file("h264-aac-faststart.mp4");
        BoxHeader mdat = box(src, "mdat");
        byte[] whole = Files.readAllBytes(src);
        Path cut = write("cut.mp4", Arrays.copyOf(whole, (int) (mdat.payloadOffset() + mdat.payloadSize() / 2)));

        VerifyReport r = Verifier.verify(cut);

        assertFalse(r.isSound());
        assertEquals(mdat.offset(), r.problems().get(0).offset(), r::toString);
        assertTrue(r.toString().contains("offset " + mdat.offset()), r::toString);
    }

    @Test
    void verify_chunkOffsetPastTheEnd_namesAnOffset() throws IOException {
        Path src = Fixtures.file("h264-aac-faststart.mp4");
        BoxHeader stco = box(src, "stco");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer.wrap(bytes).putInt((int) stco.payloadOffset() + 8, bytes.length + 1000); // first chunk offset
        Path damaged = write("past-end.mp4", bytes);

        VerifyReport r = Verifier.verify(damaged);

        assertFalse(r.isSound(), r::toString);
        VerifyReport.Problem p = r.problems().get(0);
        assertTrue(p.offset() == stco.offset() || p.offset() == bytes.length + 1000L, r::toString);
    }

    @Test
    void verify_chunkOffsetOutsideTheMediaData_namesTheSampleOffset() throws IOException {
        Path src = Fixtures.file("h264-aac-faststart.mp4");
        BoxHeader stco = box(src, "stco");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer.wrap(bytes).putInt((int) stco.payloadOffset() + 8, 8); // into ftyp/moov, inside the file
        Path damaged = write("outside.mp4", bytes);

        VerifyReport r = Verifier.verify(damaged);

        assertFalse(r.isSound(), r::toString);
        assertTrue(r.problems().stream().anyMatch(p -> p.offset() == 8 && p.message().contains("outside every mdat")),
                r::toString);
    }

    @Test
    void verify_sampleSizeCountChanged_namesAnOffset() throws IOException {
        Path src = Fixtures.file("h264-aac.mp4");
        BoxHeader stsz = box(src, "stsz");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int countAt = (int) stsz.payloadOffset() + 8;
        b.putInt(countAt, b.getInt(countAt) - 3);
        Path damaged = write("stsz.mp4", bytes);

        VerifyReport r = Verifier.verify(damaged);

        assertFalse(r.isSound(), r::toString);
        long offset = r.problems().get(0).offset();
        assertTrue(offset > 0 && offset < bytes.length, r::toString);
        assertTrue(r.toString().contains("offset " + offset), r::toString);
    }

    @Test
    void verify_videoNotStartingWithASyncSample_isAProblem() throws IOException {
        Path src = Fixtures.file("h264-aac.mp4");
        BoxHeader stss = box(src, "stss");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer.wrap(bytes).putInt((int) stss.payloadOffset() + 8, 2); // the first sync sample is now the 2nd
        Path damaged = write("stss.mp4", bytes);

        VerifyReport r = Verifier.verify(damaged);

        assertFalse(r.isSound(), r::toString);
        assertTrue(r.problems().stream().anyMatch(p -> p.offset() == stss.offset()
                && p.message().contains("does not start with a sync sample")), r::toString);
    }

    @Test
    void verify_leadingPicturesTheEditListDoesNotShow_isSoundWithAWarning() throws IOException {
        // An edited phone video: the media starts with pictures that depend on what was cut away, and the edit
        // list starts presentation at the first sync sample, so none of them is shown.
        Path src = Fixtures.file("h264-aac.mp4");
        BoxHeader stss = box(src, "stss");
        BoxHeader elst = box(src, "elst");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer.wrap(bytes).putInt((int) stss.payloadOffset() + 8, 2); // the first sync sample is now the 2nd
        Path noSyncFirst = write("lead.mp4", bytes);
        dev.bmff.core.index.TrackSamples video = dev.bmff.core.index.SampleIndex.of(
                BoxReader.read(noSyncFirst, ReadOptions.strict())).tracks().get(0);
        int firstSync = 1;
        ByteBuffer.wrap(bytes).putInt((int) elst.payloadOffset() + 12, (int) video.cts(firstSync)); // media_time
        Path edited = write("edited.mp4", bytes);

        VerifyReport r = Verifier.verify(edited);

        assertTrue(r.isSound(), r::toString);
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("edit list starts presentation after")),
                r::toString);
    }

    @Test
    void verify_zeroDurationInTheMiddleOfAVideoTrack_isStillAProblem() throws IOException {
        Path src = Fixtures.file("h264-baseline.mp4");
        BoxHeader stts = box(src, "stts");
        byte[] bytes = Files.readAllBytes(src);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int at = (int) stts.payloadOffset();
        assertEquals(1, b.getInt(at + 4), "one stts run: every picture lasts the same");
        b.putInt(at + 12, 0); // every picture of duration 0, the last one included
        VerifyReport r = Verifier.verify(write("zero.mp4", bytes));

        assertFalse(r.isSound(), r::toString);
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("durations must be positive")),
                r::toString);
    }

    @Test
    void verify_noMoov_isAProblemAtOffset0() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac.mp4"));
        BoxHeader moov = box(Fixtures.file("h264-aac.mp4"), "moov");
        Path damaged = write("nomoov.mp4", Arrays.copyOf(whole, (int) moov.offset()));

        VerifyReport r = Verifier.verify(damaged);

        assertFalse(r.isSound());
        assertTrue(r.problems().get(0).message().contains("no moov"), r::toString);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The first box of {@code type} anywhere in {@code file}. */
    private static BoxHeader box(Path file, String type) throws IOException {
        List<BoxNode> todo = new ArrayList<>(BoxReader.read(file, ReadOptions.strict()).nodes());
        while (!todo.isEmpty()) {
            BoxNode n = todo.remove(0);
            if (n.header().type().equals(FourCC.of(type))) {
                return n.header();
            }
            todo.addAll(n.children());
        }
        throw new AssertionError("no " + type + " in " + file);
    }
}
