package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChromiumTest {
    @Test
    void gst() {
        for (String f : new String[] {"h264-aac.mp4", "hevc-aac.mp4", "h264-twos.mov", "h264-aac-frag.mp4"}) {
            long t = System.nanoTime();
            GStreamer.Discovery d = GStreamer.discover(Fixtures.file(f));
            GStreamer.Playback p = GStreamer.play(Fixtures.file(f));
            StringBuilder b = new StringBuilder(f + " " + d + " ");
            p.tracks().forEach((k, v) -> b.append(k + ": " + v.samples().size() + " samples, " + v.decoded() + " decoded " + v.decodedSeconds() + " s; first " + v.samples().get(0) + " last " + v.samples().get(v.samples().size() - 1) + "\n"));
            System.out.println(b + " " + (System.nanoTime() - t) / 1000000 + " ms");
        }
    }

    @Test
    void smoke() throws Exception {
        try (Chromium c = Chromium.start()) {
            System.out.println("avc " + c.isTypeSupported("video/mp4; codecs=\"avc1.640016,mp4a.40.2\""));
            System.out.println("hvc " + c.isTypeSupported("video/mp4; codecs=\"hvc1.1.6.L60.B0\""));
            for (String m : new String[] {"audio/mp4; codecs=\"ipcm\"", "audio/mp4; codecs=\"lpcm\"", "audio/mp4; codecs=\"twos\"", "audio/mp4; codecs=\"sowt\"", "audio/mp4; codecs=\"fLaC\"", "audio/mp4; codecs=\"mp4a.40.2\"", "video/mp4; codecs=\"hev1.1.6.L60.B0\"", "video/mp4; codecs=\"avc1.640016\""}) {
                System.out.println(m + " mse=" + c.isTypeSupported(m) + " can=" + c.canPlayType(m));
            }
            System.out.println("canplay hvc " + c.canPlayType("video/mp4; codecs=\"hvc1.1.6.L60.B0\""));
            for (String f : new String[] {"h264-aac.mp4"}) {
                long t = System.nanoTime();
                System.out.println(f + " " + c.playProgressive(Fixtures.file(f)).describe() + " " + (System.nanoTime() - t) / 1000000 + " ms");
            }
            for (String f : new String[] {"h264-aac-frag.mp4", "h264-aac-frag-dbm.mp4", "h264-aac-cmaf.mp4"}) {
                Path p = Fixtures.file(f);
                long t = System.nanoTime();
                System.out.println(f + " " + Chromium.mseSegments(p).size() + " " + c.playMse(p, "video/mp4; codecs=\"avc1.640016,mp4a.40.2\"", Chromium.mseSegments(p)).describe() + " " + (System.nanoTime() - t) / 1000000 + " ms");
            }
        }
    }
}
