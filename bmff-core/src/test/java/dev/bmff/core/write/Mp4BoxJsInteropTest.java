package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.Mp4BoxJs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GPAC's JavaScript parser (mp4box.js) as a second opinion beside ffprobe: on every fixture it must see
 * exactly the samples our index sees (offsets included), and on every file our writers make from a
 * fixture it must see the fixture's samples (size, times, sync) with no parse error.
 */
class Mp4BoxJsInteropTest {
    @TempDir
    Path dir;

    static Stream<Path> fixtures() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixture_mp4boxSeesTheSamplesOurIndexSees(Path fixture) throws IOException {
        Mp4BoxJs.Probe probe = Mp4BoxJs.probe(fixture);
        assertEquals(List.of(), probe.errors(), "mp4box.js errors");
        assertSame(view(ours(fixture), true), view(probe, true), "every track's samples, offsets included");
    }

    enum Layout { STANDARD, FRAGMENTED, HYBRID, FRAGMENTED_THEN_STANDARD }

    static Stream<Arguments> remuxes() {
        List<Arguments> out = new ArrayList<>();
        for (Path f : Fixtures.all()) {
            if (f.getFileName().toString().equals("h264-aac-tmcd.mov")) {
                continue; // the writers cannot take a timecode track's sample entry yet
            }
            for (Layout l : Layout.values()) {
                out.add(Arguments.of(f, l));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("remuxes")
    void writtenFromFixture_mp4boxSeesTheFixtureSamples(Path fixture, Layout layout) throws IOException {
        Path out = dir.resolve("out.mp4");
        switch (layout) {
            case STANDARD -> Remux.toStandard(fixture, out);
            case FRAGMENTED -> Remux.toFragmented(fixture, out);
            case HYBRID -> WriterInteropTest.write(WriterInteropTest.Kind.HYBRID, SourceMedia.read(fixture), out);
            case FRAGMENTED_THEN_STANDARD -> {
                Path frag = dir.resolve("frag.mp4");
                Remux.toFragmented(fixture, frag);
                Remux.toStandard(frag, out);
            }
        }
        Mp4BoxJs.Probe probe = Mp4BoxJs.probe(out);
        assertEquals(List.of(), probe.errors(), "mp4box.js errors");
        assertEquals(layout == Layout.FRAGMENTED, probe.fragmented(), "fragmented");
        assertSame(view(ours(fixture), false), view(probe, false), "every track's samples");
        // And our own reader agrees with mp4box.js on where each sample of the new file is.
        assertSame(view(ours(out), true), view(probe, true), "offsets in the written file");
    }

    /** Equal track lists, or a failure naming the first sample that differs (the lists are long). */
    private static void assertSame(List<List<String>> expected, List<List<String>> actual, String what) {
        assertEquals(expected.stream().map(t -> t.get(0)).toList(), actual.stream().map(t -> t.get(0)).toList(),
                what + ": tracks");
        for (int t = 0; t < expected.size(); t++) {
            List<String> e = expected.get(t);
            List<String> a = actual.get(t);
            for (int i = 1; i < Math.min(e.size(), a.size()); i++) {
                assertEquals(e.get(i), a.get(i), what + ": " + e.get(0) + " sample " + (i - 1));
            }
            assertEquals(e.size(), a.size(), what + ": " + e.get(0) + " sample count + 1");
        }
    }

    private static SampleIndex ours(Path file) throws IOException {
        return SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
    }

    /** Per track with samples: a "track ID @TIMESCALE" line, then one line per sample (offset if asked for). */
    private static List<List<String>> view(SampleIndex index, boolean offsets) {
        List<List<String>> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add("track " + t.trackId() + " @" + t.timescale());
            for (int i = 0; i < t.sampleCount(); i++) {
                lines.add(sample(t.offset(i), t.size(i), t.dts(i), t.cts(i), t.duration(i), t.isSync(i), offsets));
            }
            out.add(lines);
        }
        return out;
    }

    private static List<List<String>> view(Mp4BoxJs.Probe probe, boolean offsets) {
        List<List<String>> out = new ArrayList<>();
        for (Mp4BoxJs.Track t : probe.tracks()) {
            if (t.samples().isEmpty()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add("track " + t.id() + " @" + t.timescale());
            for (Mp4BoxJs.Sample s : t.samples()) {
                lines.add(sample(s.offset(), s.size(), s.dts(), s.cts(), s.duration(), s.sync(), offsets));
            }
            out.add(lines);
        }
        return out;
    }

    private static String sample(long offset, long size, long dts, long cts, long duration, boolean sync,
            boolean offsets) {
        return (offsets ? offset + "+" : "") + size + " dts=" + dts + " cts=" + cts + " d=" + duration
                + (sync ? " K" : "");
    }
}
