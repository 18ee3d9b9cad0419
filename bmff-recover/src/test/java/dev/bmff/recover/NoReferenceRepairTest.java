package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.testing.WrittenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Repairs without a reference, checked with ffmpeg: a faststart file cut short, ffmpeg's fragmented output and our
 * writers' output cut (a torn last fragment keeps the samples whose bytes are all present), and every state of an
 * interrupted hybrid finalize.
 */
class NoReferenceRepairTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} cut at {1} of the mdat")
    @CsvSource({"h264-aac-faststart.mp4, 0.5", "h264-aac-faststart.mp4, 0.93", "h264-aac-faststart.mp4, 1.0"})
    void repair_standardFileWithMoovAndCutMedia_keepsExactlyTheSamplesFullyPresent(String name, double fraction)
            throws Exception {
        Path original = Fixtures.file(name);
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        Path broken = WrittenFiles.write(Files.readAllBytes(original), cut, dir.resolve("cut-" + name));
        Path out = dir.resolve("fixed-" + name);

        RepairReport report = Recovery.repair(broken, out);

        assertEquals(RepairKind.STANDARD_TRUNCATED, report.kind(), report.toString());
        List<List<String>> expected = Expected.samples(original, cut);
        assertEquals(expected, Expected.samples(out, Long.MAX_VALUE), report.toString());
        assertEquals(fraction == 1.0, report.isComplete(), report.toString());
        assertDecodesToOriginalFrames(original, out, expected.get(0).size());
    }

    @ParameterizedTest(name = "{0} cut at {1}")
    @CsvSource({"h264-aac-frag.mp4, 0.6", "h264-aac-frag.mp4, 0.999", "h264-aac-frag.mp4, 1.0",
        "h264-aac-frag-dbm.mp4, 0.7"})
    void repair_ffmpegFragmentedCut_keepsEverySampleWhollyPresentAndDecodes(String name, double fraction)
            throws Exception {
        Path original = Fixtures.file(name);
        long cut = Math.round(Files.size(original) * fraction);
        Path broken = WrittenFiles.write(Files.readAllBytes(original), cut, dir.resolve("cut-" + name));
        Path out = dir.resolve("fixed-" + name);

        RepairReport report = Recovery.repair(broken, out);

        assertEquals(RepairKind.FRAGMENTED_TRUNCATED, report.kind(), report.toString());
        long complete = WrittenFiles.completeFragmentsEnd(original, cut);
        // Every complete fragment, and of the torn one (moof whole, mdat cut) each track's samples up to the first
        // not all there.
        List<List<String>> expected = Expected.samples(original, cut);
        assertEquals(expected, Expected.samples(out, Long.MAX_VALUE), report.toString());
        if (cut == Files.size(original)) {
            // A whole file: what follows the last fragment is ffmpeg's mfra index, which holds no media.
            assertTrue(report.isComplete(), report.toString());
            assertEquals(List.of(), report.skipped(), report.toString());
        } else if (complete < cut) {
            // What was dropped runs from the end of what was kept to the cut.
            SkippedRange dropped = report.skipped().get(0);
            assertEquals(cut, dropped.end(), report.toString());
            assertTrue(dropped.offset() >= complete, report.toString());
        }
        // A torn fragment keeps its pictures in decode order: a P picture may come back without the B pictures
        // shown before it, so the kept pictures are the original's, not always its first ones.
        List<String> all = RecoveryInteropTest.frameLines(original);
        List<String> kept = RecoveryInteropTest.frameLines(out);
        assertTrue(all.containsAll(kept), "pictures and times as the original's");
        assertEquals(expected.get(0).size(), kept.size());
        assertEquals("", ExternalTools.decodeErrors(out));

        // The fragmented layout: the file up to its last complete fragment, then the torn one's kept samples.
        Path prefix = dir.resolve("prefix-" + name);
        Recovery.repair(broken, prefix, RepairOptions.defaults().withLayout(RepairOptions.Layout.FRAGMENTED));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(prefix), (int) complete);
        assertArrayEquals(java.util.Arrays.copyOf(Files.readAllBytes(original), (int) complete), head);
        assertEquals(expected, Expected.samples(prefix, Long.MAX_VALUE));
        assertEquals("", ExternalTools.decodeErrors(prefix));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"h264-aac.mp4", "hevc-aac.mp4", "h264-twos.mov"})
    void repair_ourWholeFragmentedFile_isCompleteAndKeepsEverySample(String name) throws Exception {
        Path frag = dir.resolve("frag-" + name);
        dev.bmff.core.write.Remux.toFragmented(Fixtures.file(name), frag);
        Path out = dir.resolve("final-" + name);

        RepairReport report = Recovery.repair(frag, out);

        // The writer's closing mfra (a random-access index, no media) is not a torn fragment.
        assertTrue(report.isComplete(), report.toString());
        assertEquals(List.of(), report.skipped(), report.toString());
        assertEquals(Expected.samples(frag, Long.MAX_VALUE), Expected.samples(out, Long.MAX_VALUE));
    }

    @Test
    void repair_ourFragmentedAndHybridWritersKilledWhileRecording_keepEverySampleWhollyPresent() throws Exception {
        WrittenFiles.Source src = WrittenFiles.read(Fixtures.file("h264-aac.mp4"));
        Path frag = WrittenFiles.fragmented(src, 500, dir.resolve("frag.mp4"));
        WrittenFiles.HybridStates hybrid = WrittenFiles.hybridStates(WrittenFiles.hybrid(src, 500,
                dir.resolve("hybrid.mp4")));
        Path recording = WrittenFiles.write(hybrid.recording(), hybrid.recording().length, dir.resolve("rec.mp4"));
        for (Path whole : List.of(frag, recording)) {
            byte[] bytes = Files.readAllBytes(whole);
            for (double f : new double[] {0.37, 0.81}) {
                long cut = Math.round(bytes.length * f);
                Path broken = WrittenFiles.write(bytes, cut, dir.resolve("cut.mp4"));
                Path out = dir.resolve("out.mp4");
                RepairReport report = Recovery.repair(broken, out);
                assertEquals(whole == frag ? RepairKind.FRAGMENTED_TRUNCATED : RepairKind.HYBRID_RECORDING_INTERRUPTED,
                        report.kind());
                List<List<String>> expected = Expected.samples(whole, cut);
                assertEquals(expected, Expected.samples(out, Long.MAX_VALUE), report.toString());
                assertEquals("", ExternalTools.decodeErrors(out));
                // Our fragments end by duration, not before keyframes: a P picture can come back without the B
                // pictures shown before it, so the kept pictures are the source's, not always its first ones.
                List<String> all = RecoveryInteropTest.frameLines(Fixtures.file("h264-aac.mp4"));
                List<String> kept = RecoveryInteropTest.frameLines(out);
                assertEquals(expected.get(0).size(), kept.size());
                assertTrue(all.containsAll(kept), "pictures and times as the source's");
            }
        }
    }

    @Test
    void repair_hybridFinalizeStoppedAfterEachStep_givesEveryFragmentsSamples() throws Exception {
        Path source = Fixtures.file("h264-aac.mp4");
        WrittenFiles.Source src = WrittenFiles.read(source);
        Path finalized = WrittenFiles.hybrid(src, 500, dir.resolve("hybrid.mp4"));
        WrittenFiles.HybridStates s = WrittenFiles.hybridStates(finalized);
        List<List<String>> all = Expected.samples(finalized, Long.MAX_VALUE);
        long moovEnd = s.moovAppended().length;
        record State(String name, byte[] bytes, long length, RepairKind kind) {
        }
        List<State> states = List.of(
                new State("recording done", s.recording(), s.moovOffset(), RepairKind.HYBRID_RECORDING_INTERRUPTED),
                new State("moov cut at 8", s.moovAppended(), s.moovOffset() + 8,
                        RepairKind.HYBRID_FINALIZE_INTERRUPTED),
                new State("moov cut in the middle", s.moovAppended(), (s.moovOffset() + moovEnd) / 2,
                        RepairKind.HYBRID_FINALIZE_INTERRUPTED),
                new State("moov appended", s.moovAppended(), moovEnd, RepairKind.HYBRID_FINALIZE_INTERRUPTED),
                new State("ftyp rewritten", s.ftypRewritten(), moovEnd, RepairKind.HYBRID_FINALIZE_INTERRUPTED),
                new State("finalized", s.finalized(), moovEnd, RepairKind.STANDARD_TRUNCATED));
        List<String> frames = RecoveryInteropTest.frameLines(finalized);
        for (State st : states) {
            Path broken = WrittenFiles.write(st.bytes(), st.length(), dir.resolve("state.mp4"));
            Path out = dir.resolve("out.mp4");
            RepairReport report = Recovery.repair(broken, out);
            assertEquals(st.kind(), report.kind(), st.name());
            assertEquals(all, Expected.samples(out, Long.MAX_VALUE), st.name() + "\n" + report);
            assertEquals(frames, RecoveryInteropTest.frameLines(out), st.name());
            assertEquals("", ExternalTools.decodeErrors(out));
        }
        // Only the headers missing: with in-place allowed, the last two writes are done in the file itself.
        for (byte[] bytes : List.of(s.moovAppended(), s.ftypRewritten())) {
            Path broken = WrittenFiles.write(bytes, bytes.length, dir.resolve("inplace.mp4"));
            Path out = dir.resolve("unused.mp4");
            RepairReport report = Recovery.repair(broken, out, RepairOptions.defaults().withInPlace(true));
            assertEquals(RepairKind.HYBRID_FINALIZE_FINISHED_IN_PLACE, report.kind(), report.toString());
            assertFalse(Files.exists(out));
            assertArrayEquals(s.finalized(), Files.readAllBytes(broken), "exactly what the writer would have made");
        }
    }

    @Test
    void repair_fragmentedCutInsideItsFirstMoof_needsAReference() throws Exception {
        Path original = Fixtures.file("h264-aac-frag.mp4");
        dev.bmff.core.io.BoxNode moof = BoxReader.read(original, ReadOptions.strict()).nodes().stream()
                .filter(n -> n.box() instanceof MovieFragmentBox).findFirst().orElseThrow();
        long cut = moof.header().offset() + moof.header().size() / 2;
        Path broken = WrittenFiles.write(Files.readAllBytes(original), cut, dir.resolve("cut.mp4"));
        ReferenceRequiredException e = assertThrows(ReferenceRequiredException.class,
                () -> Recovery.repair(broken, dir.resolve("out.mp4")));
        assertTrue(e.getMessage().contains("no complete sample"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out.mp4")));
    }

    @Test
    void repair_fragmentedCutInsideItsFirstMdat_keepsTheSamplesPresent() throws Exception {
        Path original = Fixtures.file("h264-aac-frag.mp4");
        Path broken = WrittenFiles.write(Files.readAllBytes(original), 20_000, dir.resolve("cut.mp4"));
        Path out = dir.resolve("out.mp4");

        RepairReport report = Recovery.repair(broken, out);

        assertEquals(RepairKind.FRAGMENTED_TRUNCATED, report.kind(), report.toString());
        // The first fragment's video only: its audio follows the video in the mdat, past the cut (the track is
        // left out).
        List<List<String>> expected = Expected.samples(original, 20_000);
        assertEquals(List.of(), expected.get(1));
        assertEquals(List.of(expected.get(0)), Expected.samples(out, Long.MAX_VALUE), report.toString());
        assertFalse(report.isComplete(), report.toString());
        assertEquals(20_000, report.skipped().get(0).end(), report.toString());
        assertTrue(report.skipped().get(0).reason().contains("cut short"), report.toString());
        assertEquals("", ExternalTools.decodeErrors(out));
    }

    @Test
    void repair_fileWithoutMoov_needsAReference() throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        Path broken = BrokenFiles.withoutMoov(original, BrokenFiles.mdat(original).end(), dir.resolve("b.mp4"));
        assertThrows(ReferenceRequiredException.class, () -> Recovery.repair(broken, dir.resolve("out.mp4")));
        assertFalse(Files.exists(dir.resolve("out.mp4")));
        // With a reference, the same call shape falls back to the walk.
        assertEquals(RepairKind.MOOV_REBUILT_FROM_REFERENCE,
                Recovery.repair(original, broken, dir.resolve("out.mp4")).kind());
    }

    @Test
    void repair_withReferenceButUsableMoov_doesNotNeedTheReference() throws Exception {
        Path original = Fixtures.file("h264-aac-frag.mp4");
        Path broken = WrittenFiles.write(Files.readAllBytes(original), Files.size(original) * 2 / 3,
                dir.resolve("cut.mp4"));
        // A reference of another codec would fail the walk: it is not read at all.
        RepairReport r = Recovery.repair(Fixtures.file("hevc-aac.mp4"), broken, dir.resolve("out.mp4"));
        assertEquals(RepairKind.FRAGMENTED_TRUNCATED, r.kind());
        assertTrue(r.tracks().get(0).samples() > 0);
    }

    private static void assertDecodesToOriginalFrames(Path original, Path out, int videoSamples)
            throws java.io.IOException {
        List<String> originalFrames = RecoveryInteropTest.frameLines(original);
        List<String> kept = RecoveryInteropTest.frameLines(out);
        assertEquals(videoSamples, kept.size());
        assertTrue(originalFrames.containsAll(kept), "every picture and time is the original's");
        assertEquals("", ExternalTools.decodeErrors(out));
    }
}
