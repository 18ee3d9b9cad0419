package dev.bmff.core.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files cut short, as a crashed recorder leaves them: a lenient read and a lenient index never throw,
 * keep exactly the samples whose bytes are all in the file, and say where they stopped.
 */
class TruncatedFileTest {
    @TempDir
    Path tmp;

    /** Where to cut a fixture, computed from its (uncut) box layout. */
    record Cut(String description, ToLongFunction<ReadResult> at) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static long inside(ReadResult r, String path, double fraction) {
        BoxNode n = r.nodes().stream().filter(b -> b.path().equals(path)).findFirst().orElseThrow();
        long at = n.header().offset() + (long) (n.header().size() * fraction);
        return Math.max(at, n.header().offset() + 1);
    }

    static Stream<Arguments> cuts() {
        String frag = "h264-aac-frag.mp4";
        String fast = "h264-aac-faststart.mp4";
        return Stream.of(
                Arguments.of(frag, new Cut("inside moof[0]", r -> inside(r, "moof[0]", 0.5))),
                Arguments.of(frag, new Cut("inside mdat[0] header", r -> inside(r, "mdat[0]", 0.0) + 4)),
                Arguments.of(frag, new Cut("early in mdat[0]", r -> inside(r, "mdat[0]", 0.1))),
                Arguments.of(frag, new Cut("late in mdat[0]", r -> inside(r, "mdat[0]", 0.9))),
                Arguments.of(frag, new Cut("at the end of mdat[0]", r -> inside(r, "mdat[0]", 1.0))),
                Arguments.of(frag, new Cut("inside moof[1]", r -> inside(r, "moof[1]", 0.3))),
                Arguments.of(frag, new Cut("inside moof[1] near its end", r -> inside(r, "moof[1]", 0.95))),
                Arguments.of(frag, new Cut("inside mdat[1]", r -> inside(r, "mdat[1]", 0.5))),
                Arguments.of(frag, new Cut("inside mfra", r -> inside(r, "mfra", 0.5))),
                Arguments.of(fast, new Cut("inside mdat[0] header", r -> inside(r, "mdat[0]", 0.0) + 3)),
                Arguments.of(fast, new Cut("early in mdat[0]", r -> inside(r, "mdat[0]", 0.05))),
                Arguments.of(fast, new Cut("middle of mdat[0]", r -> inside(r, "mdat[0]", 0.5))),
                Arguments.of(fast, new Cut("one byte short", r -> r.fileSize() - 1)));
    }

    @ParameterizedTest(name = "{0} cut {1}")
    @MethodSource("cuts")
    void sampleIndex_lenientOnTruncatedFile_keepsExactlyCompleteSamples(String name, Cut cut) throws Exception {
        Path source = Fixtures.file(name);
        ReadResult whole = BoxReader.read(source, ReadOptions.strict());
        SampleIndex full = SampleIndex.of(whole);
        long at = cut.at().applyAsLong(whole);
        assertTrue(at > 0 && at < whole.fileSize(), "cut " + at + " inside the file");
        Path cutFile = tmp.resolve(name);
        Files.write(cutFile, Arrays.copyOf(Files.readAllBytes(source), (int) at));

        ReadResult r = assertDoesNotThrow(() -> BoxReader.read(cutFile, ReadOptions.lenient()));
        SampleIndex index = assertDoesNotThrow(() -> SampleIndex.of(r, ReadOptions.Mode.LENIENT));
        String where = name + " cut at " + at + " (" + cut + ")";

        // The top-level box the cut went through is reported, at its own offset (or, for a box whose
        // header still fits, at an offset inside it). A cut between two boxes leaves a clean file.
        BoxNode cutBox = whole.nodes().stream().filter(n -> n.header().offset() < at && n.header().end() > at)
                .findFirst().orElse(null);
        if (cutBox == null) {
            assertTrue(r.isClean(), where + ": cut between boxes, yet " + r.problems());
        } else {
            assertFalse(r.problems().isEmpty(), where + ": no read problem");
            assertTrue(r.problems().stream().anyMatch(p -> p.offset() >= cutBox.header().offset() && p.offset() <= at),
                    where + ": no problem at " + cutBox.path() + " (offset " + cutBox.header().offset() + "): "
                            + r.problems());
        }
        for (ReadProblem p : r.problems()) {
            assertTrue(p.offset() >= 0 && p.offset() <= at, where + ": read problem offset outside the file: " + p);
        }
        // Index problems name the offset of the first sample that is not all there, which may lie past
        // the cut; it must still be an offset of the original file.
        for (ReadProblem p : index.problems()) {
            assertTrue(p.offset() >= 0 && p.offset() < whole.fileSize(), where + ": index problem offset: " + p);
        }

        assertEquals(full.tracks().size(), index.tracks().size(), where + ": tracks");
        boolean lostDescribed = false;
        for (int t = 0; t < full.tracks().size(); t++) {
            TrackSamples uncut = full.tracks().get(t);
            TrackSamples kept = index.tracks().get(t);
            List<IndexedSample> expected = new ArrayList<>();
            IndexedSample firstLost = null;
            for (int i = 0; i < uncut.sampleCount(); i++) {
                IndexedSample s = uncut.sample(i);
                if (s.end() <= at) {
                    expected.add(s);
                } else if (firstLost == null) {
                    firstLost = s;
                }
            }
            List<IndexedSample> actual = new ArrayList<>();
            for (int i = 0; i < kept.sampleCount(); i++) {
                actual.add(kept.sample(i));
            }
            assertEquals(expected, actual, where + ": track " + t + " keeps exactly the complete samples");
            // A lost sample whose description is intact (moov before the cut, or its moof complete) is
            // named by the index at its offset.
            if (firstLost != null && describedBefore(whole, firstLost, at)) {
                IndexedSample lost = firstLost;
                boolean named = index.problems().stream().anyMatch(p -> p.offset() == lost.offset());
                if (whole.nodes().stream().noneMatch(n -> n.path().startsWith("moof"))) {
                    // Sample tables: every track that lost samples is reported.
                    assertTrue(named, where + ": track " + t + " lost sample at " + lost.offset()
                            + " not reported: " + index.problems());
                }
                lostDescribed |= named;
            }
        }
        if (anyLostDescribed(whole, full, at)) {
            assertTrue(lostDescribed, where + ": no index problem names a lost sample: " + index.problems());
        }
    }

    /** True when the box describing {@code s} (moov, or the moof before its data) ends by {@code at}. */
    private static boolean describedBefore(ReadResult whole, IndexedSample s, long at) {
        BoxNode describer = null;
        for (BoxNode n : whole.nodes()) {
            if (n.header().offset() > s.offset()) {
                break;
            }
            if (n.path().equals("moov") || n.path().startsWith("moof")) {
                describer = n;
            }
        }
        if (describer == null) {
            describer = whole.nodes().stream().filter(n -> n.path().equals("moov")).findFirst().orElseThrow();
        }
        return describer.header().end() <= at;
    }

    private static boolean anyLostDescribed(ReadResult whole, SampleIndex full, long at) {
        for (TrackSamples t : full.tracks()) {
            for (int i = 0; i < t.sampleCount(); i++) {
                if (t.sample(i).end() > at && describedBefore(whole, t.sample(i), at)) {
                    return true;
                }
            }
        }
        return false;
    }
    /**
     * A moof whose trafs are in the opposite order to their data (allowed: each traf's data offset is
     * explicit). Cutting inside the data of the first traf must not lose the second traf's samples,
     * which are complete. Made from the frag fixture by swapping the two trafs of moof[1] (same bytes,
     * explicit base data offsets, so every sample keeps its position).
     */
    @org.junit.jupiter.api.Test
    void sampleIndex_lenientCutInFirstTrafsData_keepsCompleteSamplesOfLaterTraf() throws Exception {
        Path source = Fixtures.file("h264-aac-frag.mp4");
        byte[] bytes = Files.readAllBytes(source);
        ReadResult whole = BoxReader.read(source, ReadOptions.strict());
        BoxNode moof = whole.nodes().stream().filter(n -> n.path().equals("moof[1]")).findFirst().orElseThrow();
        List<BoxNode> trafs = moof.children().stream().filter(n -> n.path().contains("/traf")).toList();
        assertEquals(2, trafs.size());
        BoxNode a = trafs.get(0);
        BoxNode b = trafs.get(1);
        assertEquals(a.header().end(), b.header().offset(), "trafs adjacent");
        byte[] swapped = bytes.clone();
        int at = (int) a.header().offset();
        System.arraycopy(bytes, (int) b.header().offset(), swapped, at, (int) b.header().size());
        System.arraycopy(bytes, at, swapped, at + (int) b.header().size(), (int) a.header().size());
        Path swappedFile = tmp.resolve("swapped.mp4");
        Files.write(swappedFile, swapped);
        SampleIndex full = SampleIndex.of(BoxReader.read(swappedFile, ReadOptions.strict()));
        SampleIndex original = SampleIndex.of(whole);
        for (int t = 0; t < 2; t++) {
            assertEquals(original.tracks().get(t).sampleCount(), full.tracks().get(t).sampleCount());
        }
        // Video data comes first in mdat[1], audio after it; the audio traf is now first in the moof.
        TrackSamples audio = full.tracks().get(1);
        long cut = audio.offset(audio.sampleCount() - 1) + 1;
        Path cutFile = tmp.resolve("swapped-cut.mp4");
        Files.write(cutFile, Arrays.copyOf(swapped, (int) cut));
        SampleIndex index = SampleIndex.of(BoxReader.read(cutFile, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        TrackSamples video = index.tracks().get(0);
        assertEquals(full.tracks().get(0).sampleCount(), video.sampleCount(),
                "complete video samples of moof[1] kept: " + index.problems());
        assertEquals(audio.sampleCount() - 1, index.tracks().get(1).sampleCount());
        assertTrue(index.problems().stream().anyMatch(p -> p.offset() == audio.offset(audio.sampleCount() - 1)),
                index.problems().toString());
    }
}
