package dev.bmff.codecs.write;

import dev.bmff.codecs.write.FixtureRemuxTest.Fed;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.PlayerChecks;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.SegmentedWriter;
import dev.bmff.core.write.StandardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layout every writer makes, from H.264 and HEVC with AAC and PCM, played by the players people use:
 * Chromium (a {@code <video>} element for a progressive file, Media Source Extensions fragment by fragment for a
 * fragmented one) and GStreamer (qtdemux and the libav decoders). {@link PlayerChecks} says what each must see.
 *
 * <p>The samples are a fixture's own (as {@link FixtureRemuxTest} feeds them), so the media decode; HEVC with
 * PCM has no fixture and is made here by ffmpeg from {@code hevc-aac.mp4} (video copied, audio as big-endian PCM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayersTest {
    /**
     * Under one GOP (25 frames at 25 fps; x265 put the HEVC fixture's second keyframe at 0.88 s in decode time):
     * the two-second fixtures give two segments, cut at their second keyframe.
     */
    private static final Duration SEGMENT = Duration.ofMillis(800);

    private final PlayerChecks players = new PlayerChecks();

    enum Layout { STANDARD, FASTSTART, FRAGMENTED, HYBRID, SEGMENTED, SEGMENTED_FRAGMENTED }

    @AfterAll
    void stopBrowser() {
        players.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (String source : List.of("h264-aac.mp4", "hevc-aac.mp4", "h264-twos.mov", "hevc-twos.mov")) {
            for (Layout layout : Layout.values()) {
                all.add(Arguments.of(source, layout));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void everyWrittenFile_playsInChromiumAndGStreamer(String source, Layout layout) throws Exception {
        Path src = source(source);
        Fed fed = FixtureRemuxTest.fed(src);
        String name = source.replace('.', '-') + "-" + layout.name().toLowerCase();
        // Kept under target/ after the run, for a look at what a player rejected.
        Path dir = Tools.scratch("players").resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path out = dir.resolve(name + ".mp4");
        switch (layout) {
            case STANDARD, FASTSTART -> {
                try (Mp4Writer w = StandardWriter.create(out, fed.specs(),
                        StandardWriter.Options.defaults().withFaststart(layout == Layout.FASTSTART))) {
                    FixtureRemuxTest.writeAll(src, fed.feed(), w);
                }
                players.progressive(out, fed.feed().size());
            }
            case FRAGMENTED -> {
                try (Mp4Writer w = FragmentedWriter.create(out, fed.specs(), FragmentedWriter.Options.defaults())) {
                    FixtureRemuxTest.writeAll(src, fed.feed(), w);
                }
                players.fragmented(out, fed.feed().size());
            }
            case HYBRID -> {
                Path recording = dir.resolve(name + "-recording.mp4");
                try (HybridWriter w = HybridWriter.create(out, fed.specs(), HybridWriter.Options.defaults())) {
                    FixtureRemuxTest.writeAll(src, fed.feed(), w);
                    w.flush();
                    // What a viewer (or a crash) sees while the recording runs: the fragments written so far.
                    Files.copy(out, recording, StandardCopyOption.REPLACE_EXISTING);
                }
                // Each track holds its last sample back until close gives it a duration.
                players.fragmented(recording, fed.feed().size() - fed.specs().size());
                players.progressive(out, fed.feed().size());
            }
            case SEGMENTED, SEGMENTED_FRAGMENTED -> {
                SegmentedWriter.Options options = SegmentedWriter.Options.defaults().withSegmentDuration(SEGMENT);
                if (layout == Layout.SEGMENTED_FRAGMENTED) {
                    options = options.withFactory(SegmentedWriter.SegmentFactory.fragmented(
                            FragmentedWriter.Options.defaults()));
                }
                try (SegmentedWriter w = SegmentedWriter.create(dir.resolve(name + "-%03d.mp4").toString(),
                        fed.specs(), options)) {
                    FixtureRemuxTest.writeAll(src, fed.feed(), w);
                }
                List<Path> segments;
                try (Stream<Path> files = Files.list(dir)) {
                    segments = files.filter(p -> p.getFileName().toString().startsWith(name + "-")).sorted().toList();
                }
                players.segments(segments, layout == Layout.SEGMENTED_FRAGMENTED, fed.feed().size());
            }
            default -> throw new AssertionError(layout);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A fixture, or HEVC with PCM made once from {@code hevc-aac.mp4} (no fixture has that pair). */
    private static synchronized Path source(String name) throws Exception {
        if (!name.equals("hevc-twos.mov")) {
            return Fixtures.file(name);
        }
        Path made = Tools.scratch(name);
        if (!Files.isRegularFile(made)) {
            Path tmp = Tools.scratch("tmp-" + name);
            ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-y", "-i",
                    Fixtures.file("hevc-aac.mp4").toString(), "-map", "0", "-c:v", "copy", "-tag:v", "hvc1",
                    "-c:a", "pcm_s16be", "-f", "mov", tmp.toString());
            Files.move(tmp, made, StandardCopyOption.REPLACE_EXISTING);
        }
        return made;
    }
}
