package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.index.SampleIndex;
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
        Mp4BoxJs.assertSameSamples(Mp4BoxJs.lines(ours(fixture), true), Mp4BoxJs.lines(probe, true),
                "every track's samples, offsets included");
    }

    enum Layout { STANDARD, FRAGMENTED, HYBRID, FRAGMENTED_THEN_STANDARD }

    static Stream<Arguments> remuxes() {
        List<Arguments> out = new ArrayList<>();
        for (Path f : Fixtures.all()) {
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
        Mp4BoxJs.assertSameSamples(Mp4BoxJs.lines(ours(fixture), false), Mp4BoxJs.lines(probe, false),
                "every track's samples");
        // And our own reader agrees with mp4box.js on where each sample of the new file is.
        Mp4BoxJs.assertSameSamples(Mp4BoxJs.lines(ours(out), true), Mp4BoxJs.lines(probe, true),
                "offsets in the written file");
    }

    private static SampleIndex ours(Path file) throws IOException {
        return SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
    }
}
