package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A track that starts after the others keeps its delay in the standard moov (an empty edit), so ffprobe's
 * start_time of each stream is the one recorded: audio 0.2 s after the video plays 0.2 s after it.
 */
class LateStartTest {
    private static final double DELAY = 0.2;
    /** One frame of the fixture: 25 fps video, AAC frames of 1024 at 48 kHz are shorter. */
    private static final double ONE_FRAME = 0.04;

    @TempDir
    Path dir;

    enum Layout { STANDARD, HYBRID, SEGMENTED }

    @ParameterizedTest(name = "{0}, track {1} starts {2} s late")
    @CsvSource({"STANDARD,1", "STANDARD,0", "HYBRID,1", "HYBRID,0", "SEGMENTED,1", "SEGMENTED,0"})
    void lateTrack_keepsItsOffset_inFfprobeStartTime(Layout layout, int lateTrack) throws IOException {
        SourceMedia src = delayed(SourceMedia.read(Fixtures.file("h264-aac.mp4")), lateTrack, DELAY);
        Path out = write(layout, src);

        Tools.decodesCleanly(out);
        for (int track = 0; track < 2; track++) {
            double expected = track == lateTrack ? DELAY : 0;
            assertEquals(expected, startTime(out, track), ONE_FRAME, layout + " stream " + track + " start_time");
        }
    }

    private Path write(Layout layout, SourceMedia src) throws IOException {
        Path out = dir.resolve("out.mp4");
        switch (layout) {
            case STANDARD -> {
                try (Mp4Writer w = StandardWriter.create(out, src.specs(), StandardWriter.Options.defaults())) {
                    feed(w, src);
                }
            }
            case HYBRID -> {
                try (Mp4Writer w = HybridWriter.create(out, src.specs(), HybridWriter.Options.defaults())) {
                    feed(w, src);
                }
            }
            case SEGMENTED -> {
                // One long segment: the first one, where the late track's delay is all there is.
                SegmentedWriter.Options o = SegmentedWriter.Options.defaults()
                        .withSegmentDuration(Duration.ofMinutes(10));
                try (Mp4Writer w = SegmentedWriter.create(dir.resolve("seg-%03d.mp4").toString(), src.specs(), o)) {
                    feed(w, src);
                }
                out = dir.resolve("seg-000.mp4");
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    private static void feed(Mp4Writer w, SourceMedia src) throws IOException {
        for (Sample s : src.samples()) {
            w.write(s);
        }
    }

    /** The source with every decode time of {@code track} moved {@code seconds} later, re-interleaved. */
    static SourceMedia delayed(SourceMedia src, int track, double seconds) {
        long shift = Math.round(seconds * src.specs().get(track).timescale());
        List<Sample> out = new ArrayList<>();
        for (Sample s : src.samples()) {
            out.add(s.track() != track ? s
                    : new Sample(s.track(), s.data(), s.dts() + shift, s.compositionOffset(), s.duration(), s.sync()));
        }
        List<TrackSpec> specs = src.specs();
        out.sort(Comparator.comparingDouble((Sample x) -> (double) x.dts() / specs.get(x.track()).timescale())
                .thenComparingInt(Sample::track));
        return new SourceMedia(specs, out);
    }

    private static double startTime(Path file, int stream) {
        Tools.Result r = Tools.run(ExternalTools.ffprobe().toString(), "-v", "error", "-select_streams",
                String.valueOf(stream), "-show_entries", "stream=start_time", "-of", "csv=p=0", file.toString());
        assertEquals(0, r.exit(), r.err());
        return Double.parseDouble(r.out().strip());
    }
}
