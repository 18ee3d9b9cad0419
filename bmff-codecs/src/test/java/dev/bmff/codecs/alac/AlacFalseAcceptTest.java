package dev.bmff.codecs.alac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How often {@link AlacFrameParser} takes bytes that are no ALAC frame for one: at every position of seeded random
 * bytes and of H.264 pictures (the fixture's video samples), for ffmpeg's mono and stereo 16-bit configurations. The
 * rates stated in docs/codecs.md come from here ({@code -Dalac.randomBytes=N} for more random bytes than the build's
 * 1 MiB); the bound is far above them.
 */
class AlacFalseAcceptTest {
    private static final AlacConfig STEREO = new AlacConfig(4096, 0, 16, 40, 10, 14, 2, 0, 0, 0, 48000);
    private static final AlacConfig MONO = new AlacConfig(4096, 0, 16, 40, 10, 14, 1, 0, 0, 0, 48000);

    @Test
    void randomBytesAndVideo_rarelyParseAsAFrame() throws Exception {
        byte[] random = new byte[Integer.getInteger("alac.randomBytes", 1 << 20)];
        new Random(14).nextBytes(random);
        Path h264 = Fixtures.file("h264-aac.mp4");
        byte[] file = Files.readAllBytes(h264);
        TrackSamples video = SampleIndex.of(BoxReader.read(h264, ReadOptions.strict())).tracks().get(0);
        byte[] pictures = new byte[0];
        for (int i = 0; i < video.sampleCount(); i++) {
            int at = pictures.length;
            pictures = Arrays.copyOf(pictures, at + (int) video.size(i));
            System.arraycopy(file, (int) video.offset(i), pictures, at, (int) video.size(i));
        }
        for (AlacConfig c : new AlacConfig[] {STEREO, MONO}) {
            for (byte[] data : new byte[][] {random, pictures}) {
                long accepted = accepted(new AlacFrameParser(c), data);
                System.out.println("ALAC " + c.channels() + " ch: " + accepted + " of " + data.length
                        + " positions accepted");
                assertTrue(accepted * 10_000L <= data.length, accepted + " of " + data.length);
            }
        }
    }

    private static long accepted(AlacFrameParser p, byte[] data) {
        long n = 0;
        for (int i = 0; i + 3 <= data.length; i++) {
            if (!p.mayStartAt(data, i)) {
                continue;
            }
            try {
                p.frameLength(data, i, data.length - i);
                n++;
            } catch (BitstreamException notAFrame) {
                // expected almost everywhere
            }
        }
        return n;
    }
}
