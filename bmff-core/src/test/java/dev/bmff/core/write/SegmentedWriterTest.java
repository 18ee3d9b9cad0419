package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SegmentedWriter on the samples of {@code h264-aac.mp4} (B-frames, GOP of 25 frames at 25 fps, AAC with
 * priming) looped three times: every segment starts with a keyframe, plays in ffmpeg from time 0, and the
 * segments joined by ffmpeg's concat demuxer decode to every source picture exactly once.
 */
class SegmentedWriterTest {
    private static final int LOOPS = 3;
    private static final Instant START = Instant.parse("2024-05-01T11:59:59.300Z");

    private static SourceMedia looped;
    private static List<String> sourceVideoMd5;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() throws IOException {
        looped = looped("h264-aac.mp4");
        sourceVideoMd5 = loopedVideoMd5("h264-aac.mp4");
    }

    /** The fixture's samples {@link #LOOPS} times over, times running on, durations left to the writer. */
    static SourceMedia looped(String fixture) throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file(fixture));
        long[] span = new long[src.specs().size()];
        for (Sample s : src.samples()) {
            span[s.track()] = Math.max(span[s.track()], s.dts() + s.duration());
        }
        List<Sample> all = new ArrayList<>();
        for (int k = 0; k < LOOPS; k++) {
            for (Sample s : src.samples()) {
                // Durations left open: the writer must take each from the next decode time, across cuts too.
                all.add(new Sample(s.track(), s.data(), s.dts() + k * span[s.track()], s.compositionOffset(),
                        Sample.UNKNOWN_DURATION, s.sync()));
            }
        }
        all.sort(Comparator.comparingDouble((Sample x) -> (double) x.dts() / src.specs().get(x.track()).timescale())
                .thenComparingInt(Sample::track));
        return new SourceMedia(src.specs(), all);
    }

    /** framemd5 of the fixture's pictures, {@link #LOOPS} times over. */
    static List<String> loopedVideoMd5(String fixture) {
        List<String> once = md5Column(Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                Fixtures.file(fixture).toString(), "-map", "0:v", "-f", "framemd5", "-"));
        List<String> all = new ArrayList<>();
        for (int k = 0; k < LOOPS; k++) {
            all.addAll(once);
        }
        return all;
    }

    /** A clock the test moves: the recording's wall clock follows the media time. */
    static class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static SegmentedWriter.SegmentFactory factory(String layout) {
        return switch (layout) {
            case "hybrid" -> SegmentedWriter.SegmentFactory.hybrid(HybridWriter.Options.defaults());
            case "fragmented" -> SegmentedWriter.SegmentFactory.fragmented(FragmentedWriter.Options.defaults());
            case "standard" -> SegmentedWriter.SegmentFactory.standard(StandardWriter.Options.defaults());
            default -> throw new IllegalArgumentException(layout);
        };
    }

    /** Writes the looped source, the clock following each sample's time; returns the segments heard. */
    List<SegmentedWriter.Segment> record(String pattern, SegmentedWriter.Options options, TestClock clock)
            throws IOException {
        return record(looped, pattern, options, clock);
    }

    List<SegmentedWriter.Segment> record(SourceMedia looped, String pattern, SegmentedWriter.Options options,
            TestClock clock) throws IOException {
        List<SegmentedWriter.Segment> heard = new ArrayList<>();
        try (SegmentedWriter w = SegmentedWriter.create(dir.resolve(pattern).toString(), looped.specs(),
                options.withClock(clock).withListener(heard::add))) {
            for (Sample s : looped.samples()) {
                clock.now = START.plusNanos(Math.round(1e9 * s.dts() / looped.specs().get(s.track()).timescale()));
                w.write(s);
            }
        }
        return heard;
    }

    @ParameterizedTest(name = "{0}, {1} s")
    @CsvSource({"hybrid,1", "hybrid,2", "fragmented,1", "fragmented,2", "standard,1", "standard,2"})
    void loopedFixture_cutByDuration_segmentsPlayFromZeroAndJoinToEveryFrameOnce(String layout, int seconds)
            throws IOException {
        List<SegmentedWriter.Segment> heard = record("seg-%03d.mp4", SegmentedWriter.Options.defaults()
                .withFactory(factory(layout)).withSegmentDuration(Duration.ofSeconds(seconds)), new TestClock(START));

        int expected = 2 * LOOPS / seconds;
        assertEquals(expected, heard.size(), "segments heard");
        for (int i = 0; i < expected; i++) {
            SegmentedWriter.Segment seg = heard.get(i);
            assertEquals(dir.resolve(String.format("seg-%03d.mp4", i)), seg.path(), "name from the pattern");
            assertEquals(i, seg.sequence());
            assertEquals(25 * seconds, seg.tracks().get(0).samples(), "video samples of segment " + i);
            assertEquals(seconds * looped.specs().get(0).timescale(), seg.tracks().get(0).duration(),
                    "video duration of segment " + i);
            // The last segment also holds the audio that runs past the last picture.
            assertEquals(seconds, seg.duration().toMillis() / 1000.0, i == expected - 1 ? 0.1 : 0.05,
                    "duration of segment " + i);
        }
        assertEquals(looped.of(0).size(), heard.stream().mapToInt(s -> s.tracks().get(0).samples()).sum());
        assertEquals(looped.of(1).size(), heard.stream().mapToInt(s -> s.tracks().get(1).samples()).sum());
        checkSegments(heard, layout.equals("fragmented"));
    }

    /**
     * HEVC with B-frames (a keyframe every 2 s), and PCM (one sample per audio frame, as QuickTime stores it)
     * through each layout.
     */
    @ParameterizedTest(name = "{0}, {1}, {2} s")
    @CsvSource({"hevc-aac.mp4,hybrid,2", "hevc-aac.mp4,fragmented,2", "hevc-aac.mp4,standard,2",
            "h264-twos.mov,hybrid,1", "h264-sowt.mov,fragmented,1", "h264-twos.mov,standard,1"})
    void otherCodecs_cutByDuration_segmentsPlayAndJoinToEveryFrameOnce(String fixture, String layout, int seconds)
            throws IOException {
        SourceMedia media = looped(fixture);
        List<SegmentedWriter.Segment> heard = record(media, "seg-%03d.mp4", SegmentedWriter.Options.defaults()
                .withFactory(factory(layout)).withSegmentDuration(Duration.ofSeconds(seconds)), new TestClock(START));
        assertEquals(2 * LOOPS / seconds, heard.size(), "segments heard");
        assertEquals(media.of(0).size(), heard.stream().mapToInt(s -> s.tracks().get(0).samples()).sum());
        assertEquals(media.of(1).size(), heard.stream().mapToInt(s -> s.tracks().get(1).samples()).sum());
        checkSegments(heard, layout.equals("fragmented"), loopedVideoMd5(fixture));
    }

    @Test
    void loopedFixture_cutBySize_everySegmentStartsWithAKeyframeAndNothingIsLost() throws IOException {
        long total = looped.samples().stream().mapToLong(s -> s.data().size()).sum();
        List<SegmentedWriter.Segment> heard = record("size-%d.mp4", SegmentedWriter.Options.defaults()
                .withSegmentDuration(null).withMaxBytes(total / 5), new TestClock(START));
        assertTrue(heard.size() >= 3, "cut by size into " + heard.size());
        assertEquals(looped.of(0).size(), heard.stream().mapToInt(s -> s.tracks().get(0).samples()).sum());
        assertEquals(dir.resolve("size-0.mp4"), heard.get(0).path());
        checkSegments(heard);
    }

    @Test
    void alignedToTheClock_cutAtTheFirstKeyframeAfterEachBoundary_namedByTheClock() throws IOException {
        // Clock starts 0.7 s before 12:00:00: boundaries every 2 s fall at media time 0.7, 2.7 and 4.7 s,
        // so the cuts come at the keyframes at 1, 3 and 5 s.
        List<SegmentedWriter.Segment> heard = record("cam-%Y-%m-%d_%H-%M-%S.mp4", SegmentedWriter.Options.defaults()
                .withSegmentDuration(null).withAlignment(Duration.ofSeconds(2)).withStrftime(true),
                new TestClock(START));
        List<String> names = heard.stream().map(s -> s.path().getFileName().toString()).toList();
        assertEquals(List.of("cam-2024-05-01_11-59-59.mp4", "cam-2024-05-01_12-00-00.mp4",
                "cam-2024-05-01_12-00-02.mp4", "cam-2024-05-01_12-00-04.mp4"), names);
        assertEquals(List.of(25, 50, 50, 25), heard.stream().map(s -> s.tracks().get(0).samples()).toList());
        checkSegments(heard);
    }

    @Test
    void patterns_expandSequenceAndClockFields() {
        ZonedDateTime t = ZonedDateTime.of(2024, 5, 1, 7, 8, 9, 0, ZoneOffset.UTC);
        assertEquals(Path.of("a-007.mp4"), new SegmentNames("a-%03d.mp4", false).expand(7, t));
        assertEquals(Path.of("a-7-100%.mp4"), new SegmentNames("a-%d-100%%.mp4", false).expand(7, t));
        assertEquals(Path.of("2024-05-01_07-08-09-07.mp4"),
                new SegmentNames("%Y-%m-%d_%H-%M-%S-%02d.mp4", true).expand(7, t));
        assertThrows(IllegalArgumentException.class, () -> new SegmentNames("same.mp4", false));
        assertThrows(IllegalArgumentException.class, () -> new SegmentNames("%Y.mp4", false));
        assertThrows(IllegalArgumentException.class, () -> new SegmentNames("a%", false));
    }

    @Test
    void strftimeNamesWithoutSequence_twoSegmentsInOneSecond_failClearly() {
        IOException e = assertThrows(IOException.class, () -> record("%H-%M-%S.mp4", SegmentedWriter.Options
                .defaults().withSegmentDuration(Duration.ofSeconds(1)).withStrftime(true),
                new TestClock(START) {
                    @Override
                    public Instant instant() {
                        return START; // a stopped clock: every segment opens in the same second
                    }
                }));
        assertTrue(e.getMessage().contains("%03d"), e.getMessage());
    }

    /** Each segment: keyframe first, plays without a message, video from 0; joined: every frame once. */
    private void checkSegments(List<SegmentedWriter.Segment> heard) throws IOException {
        checkSegments(heard, false);
    }

    private void checkSegments(List<SegmentedWriter.Segment> heard, boolean fragmented) throws IOException {
        checkSegments(heard, fragmented, sourceVideoMd5);
    }

    private void checkSegments(List<SegmentedWriter.Segment> heard, boolean fragmented, List<String> sourceVideoMd5)
            throws IOException {
        StringBuilder list = new StringBuilder();
        for (SegmentedWriter.Segment seg : heard) {
            Path p = seg.path();
            assertTrue(Files.exists(p), p + " exists");
            SampleIndex index = SampleIndex.of(BoxReader.read(p, ReadOptions.strict()));
            TrackSamples video = index.tracks().get(0);
            assertTrue(video.sampleCount() > 0 && video.isSync(0), p + " starts with a keyframe");
            Tools.decodesCleanly(p);
            String start = Tools.run(ExternalTools.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "stream=start_time", "-of", "csv=p=0", p.toString()).out().strip();
            // A fragmented segment after the first has no edit list (its moov is written before the first
            // sample): its video starts at the B-frame delay (2 frames) plus the audio lead (< 1 AAC frame).
            // In a standard moov a later segment's video keeps that audio lead too (an empty edit): the
            // audio frame that straddles the cut starts before the keyframe.
            double tolerance = seg.sequence() == 0 ? 0.001 : fragmented ? 0.08 + 0.022 : 0.022;
            assertEquals(0.0, Double.parseDouble(start), tolerance, p + " video start_time");
            list.append("file '").append(p.toAbsolutePath()).append("'\n");
        }
        Path listFile = dir.resolve("list.txt");
        Files.writeString(listFile, list);
        Tools.Result joined = Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-f", "concat",
                "-safe", "0", "-i", listFile.toString(), "-map", "0:v", "-f", "framemd5", "-");
        assertEquals("", joined.err().strip(), "concat decodes without a message");
        List<String> got = md5Column(joined);
        assertEquals(sourceVideoMd5.size(), got.size(), "pictures in the joined segments");
        assertEquals(sourceVideoMd5, got, "every picture once, in order");
        assertEquals(Collections.frequency(got, got.get(0)), Collections.frequency(sourceVideoMd5, got.get(0)));
    }

    private static List<String> md5Column(Tools.Result r) {
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }
}
