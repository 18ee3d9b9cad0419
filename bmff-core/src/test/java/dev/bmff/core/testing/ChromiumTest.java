package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The player harness sees what players do with files we did not write: ffmpeg's fixtures play, and a fragmented
 * file that addresses its data with an absolute {@code base_data_offset} is refused by Chromium's Media Source
 * Extensions (the rule in docs/writing.md) while GStreamer plays every sample of it.
 */
class ChromiumTest {
    private static final String AVC_AAC = "video/mp4; codecs=\"avc1.64000D,mp4a.40.2\"";

    @Test
    void fixtures_playInChromiumAndGStreamer_absoluteBaseDataOffsetRefusedByMse() throws Exception {
        try (Chromium chrome = Chromium.start()) {
            Chromium.Playback progressive = chrome.playProgressive(Fixtures.file("h264-aac-faststart.mp4"));
            assertEquals("ended", progressive.outcome(), progressive.describe());
            assertEquals(videoSamples(Fixtures.file("h264-aac-faststart.mp4")), progressive.decodedFrames(),
                    progressive.describe());

            Path relative = Fixtures.file("h264-aac-frag-dbm.mp4");
            List<long[]> segments = Chromium.mseSegments(relative);
            Chromium.Playback mse = chrome.playMse(relative, AVC_AAC, segments);
            assertEquals("ended", mse.outcome(), mse.describe());
            assertEquals(segments.size(), mse.appended(), mse.describe());
            assertEquals(videoSamples(relative), mse.decodedFrames(), mse.describe());

            Path absolute = Fixtures.file("h264-aac-frag.mp4");
            Chromium.Playback refused = chrome.playMse(absolute, AVC_AAC, Chromium.mseSegments(absolute));
            assertTrue(refused.outcome().contains("base-data-offset"), refused.describe());
            assertEquals(1, refused.appended(), "the init segment is taken, the first fragment is not");

            assertEquals(false, chrome.isTypeSupported("audio/mp4; codecs=\"twos\""),
                    "Debian's Chromium takes no PCM through MSE (docs/writing.md); a build that does: update the docs");
        }
        GStreamer.Playback gst = GStreamer.play(Fixtures.file("h264-aac-frag.mp4"));
        long frames = videoSamples(Fixtures.file("h264-aac-frag.mp4"));
        assertEquals(frames, gst.track("video_0").samples().size());
        assertEquals(frames, gst.track("video_0").decoded());
    }

    /** The video track's sample count, as our reader sees it. */
    private static long videoSamples(Path file) throws Exception {
        return SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks().stream()
                .filter(t -> t.handlerType().toString().equals("vide")).findFirst().orElseThrow().sampleCount();
    }
}
