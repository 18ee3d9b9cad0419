package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdtsReaderTest {
    @TempDir
    Path tmp;

    /**
     * ffmpeg encodes ADTS, then remuxes the same frames into MP4 (its aac_adtstoasc filter strips the
     * headers): our reader must yield exactly the MP4 samples, and the config the MP4 carries.
     */
    @Test
    void adtsStream_strippedByOurReader_equalsTheSamplesFfmpegMuxes() throws Exception {
        Path adts = tmp.resolve("a.aac");
        Path m4a = tmp.resolve("a.m4a");
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                "sine=frequency=1000:sample_rate=44100", "-t", "1.5", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                "-f", "adts", adts.toString());
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", adts.toString(), "-c", "copy", m4a.toString());
        AacTestSupport.AacTrack track = AacTestSupport.aacTracks(m4a).get(0);
        TrackSamples samples = track.samples();
        AudioSpecificConfig mp4Config = AudioSpecificConfig.parse(
                EsDescriptor.parseEsds(track.esdsPayload()).decoderSpecificInfo().toArray());

        try (InputStream in = Files.newInputStream(adts); FileChannel ch = FileChannel.open(m4a)) {
            AdtsReader reader = new AdtsReader(in);
            for (int i = 0; i < samples.sampleCount(); i++) {
                AdtsReader.Frame f = reader.next();
                byte[] expected = PositionalReads.readFully(ch, samples.offset(i), (int) samples.size(i));
                assertArrayEquals(expected, f.payload(), "frame " + i);
                assertEquals(mp4Config.samplingFrequency(), f.header().toAudioSpecificConfig().samplingFrequency());
                assertEquals(mp4Config.channelCount(), f.header().toAudioSpecificConfig().channelCount());
            }
            assertNull(reader.next(), "no frames beyond the MP4's");
            assertEquals(0, reader.skippedBytes());
        }
    }

    @Test
    void garbageAndTornFrames_areSkippedAndCounted() throws Exception {
        byte[] frame = adtsFrame(20);
        byte[] stream = new byte[3 + frame.length * 2 + 5];
        stream[0] = (byte) 0xFF; // a lone sync-looking byte
        System.arraycopy(frame, 0, stream, 3, frame.length);
        System.arraycopy(frame, 0, stream, 3 + frame.length, frame.length);
        // torn third frame: header only
        System.arraycopy(frame, 0, stream, 3 + 2 * frame.length, 5);
        AdtsReader r = new AdtsReader(new ByteArrayInputStream(stream));
        assertEquals(20, r.next().payload().length);
        assertEquals(20, r.next().payload().length);
        assertNull(r.next());
        assertEquals(3 + 5, r.skippedBytes());
    }

    private static byte[] adtsFrame(int payload) {
        int len = 7 + payload;
        byte[] b = new byte[len];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xF1; // MPEG-4, layer 0, no CRC
        b[2] = (byte) ((1 << 6) | (3 << 2)); // LC, 48 kHz
        b[3] = (byte) ((2 << 6) | ((len >> 11) & 3)); // stereo
        b[4] = (byte) (len >> 3);
        b[5] = (byte) (((len & 7) << 5) | 0x1F);
        b[6] = (byte) 0xFC;
        Arrays.fill(b, 7, len, (byte) 0x21);
        return b;
    }
}
