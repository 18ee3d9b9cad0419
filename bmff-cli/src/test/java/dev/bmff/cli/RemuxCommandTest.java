package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bmff frag} and {@code bmff defrag} change the layout and nothing else. */
class RemuxCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "hevc-aac.mp4", "h264-aac-cmaf.mp4", "h264-editlist.mp4"})
    void fragThenDefrag_givesBackEveryFrameAtItsTime_andFragHasTheSameSamples(String fixture) throws Exception {
        Path source = Fixtures.file(fixture);
        Path frag = dir.resolve("frag.mp4");
        Path back = dir.resolve("back.mp4");
        assertEquals(0, run("frag", source.toString(), frag.toString()));
        assertEquals(0, run("defrag", frag.toString(), back.toString()));

        assertTrue(!BoxReader.read(frag, ReadOptions.strict()).all(MovieFragmentBox.class).isEmpty(),
                "frag wrote movie fragments");
        assertSameSampleBytes(source, frag);
        assertSameSampleBytes(source, back);
        for (Path p : List.of(frag, back)) {
            assertEquals("", ExternalTools.decodeErrors(p), p + " decodes without a message");
        }
        if (fixture.contains("cmaf")) {
            // Negative composition offsets: ffmpeg derives its "dts shift" differently from trun (the source)
            // and from ctts (our standard file), so absolute times differ; every packet is still there, once,
            // in order, with the same bytes.
            assertEquals(hashesPerStream(source), hashesPerStream(back), "packets per stream (stream, size, md5)");
        } else {
            // The standard file carries the source's edit lists: every packet at the same time, same hash.
            assertEquals(String.join("\n", framemd5(source)), String.join("\n", framemd5(back)), "framemd5");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"frag", "defrag"})
    void existingOutput_isRefusedWithOneLine(String command) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(command, Fixtures.file("h264-aac.mp4").toString(),
                Fixtures.file("hevc-aac.mp4").toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_USAGE, code);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
    }

    private static int run(String... args) {
        return Main.run(Arrays.asList(args), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    private static List<String> framemd5(Path p) {
        return ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", p.toString(), "-map", "0", "-f", "framemd5",
                "-").lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static String hashesPerStream(Path p) {
        return framemd5(p).stream().map(l -> l.split(",")).sorted(java.util.Comparator.comparing(f -> f[0].strip()))
                .map(f -> f[0].strip() + "," + f[4].strip() + "," + f[5].strip())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Same number of samples per track, and each sample's bytes, sync flag and composition offset. */
    private static void assertSameSampleBytes(Path a, Path b) throws Exception {
        SampleIndex x = SampleIndex.of(BoxReader.read(a, ReadOptions.strict()));
        SampleIndex y = SampleIndex.of(BoxReader.read(b, ReadOptions.strict()));
        assertEquals(x.tracks().size(), y.tracks().size());
        try (FileChannel ca = FileChannel.open(a); FileChannel cb = FileChannel.open(b)) {
            for (int t = 0; t < x.tracks().size(); t++) {
                TrackSamples s = x.tracks().get(t);
                TrackSamples r = y.tracks().get(t);
                assertEquals(s.sampleCount(), r.sampleCount(), b + " track " + t);
                for (int i = 0; i < s.sampleCount(); i++) {
                    assertEquals(s.isSync(i), r.isSync(i), "sync " + i);
                    assertEquals(s.cts(i) - s.dts(i), r.cts(i) - r.dts(i), "composition offset " + i);
                    assertEquals(s.dts(i) - s.dts(0), r.dts(i) - r.dts(0), "dts " + i);
                    assertArrayEquals(PositionalReads.readFully(ca, s.offset(i), (int) s.size(i)),
                            PositionalReads.readFully(cb, r.offset(i), (int) r.size(i)), "bytes " + i);
                }
            }
        }
    }
}
