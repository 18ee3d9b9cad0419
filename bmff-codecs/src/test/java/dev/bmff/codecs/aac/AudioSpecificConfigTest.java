package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AudioSpecificConfigTest {
    static Stream<Path> aacFixtures() throws Exception {
        return Fixtures.all().stream().filter(p -> {
            try {
                return !AacTestSupport.aacTracks(p).isEmpty();
            } catch (Exception e) {
                throw new AssertionError(p + ": " + e, e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("aacFixtures")
    void esdsAndConfig_ofEveryAacFixture_matchFfprobeAndRoundTrip(Path file) throws Exception {
        List<AacTestSupport.AacTrack> tracks = AacTestSupport.aacTracks(file);
        for (AacTestSupport.AacTrack t : tracks) {
            EsDescriptor es = EsDescriptor.parseEsds(t.esdsPayload());
            assertArrayEquals(t.esdsPayload().toArray(), es.toEsdsPayload().toArray(),
                    file + ": esds must write back byte for byte");
            assertEquals(0x40, es.objectTypeIndication(), "MPEG-4 audio");
            assertEquals(5, es.streamType(), "audio stream");
            assertNotNull(es.decoderSpecificInfo());
            AudioSpecificConfig asc = AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray());
            String probe = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0",
                    "-show_entries", "stream=profile,sample_rate,channels", "-of", "default=nw=0", file.toString());
            assertEquals("LC", AacTestSupport.field(probe, "profile"), file.toString());
            assertEquals(AudioSpecificConfig.AAC_LC, asc.audioObjectType());
            assertEquals(Integer.parseInt(AacTestSupport.field(probe, "sample_rate")), asc.outputSamplingFrequency(),
                    file + " sample rate");
            assertEquals(Integer.parseInt(AacTestSupport.field(probe, "channels")), asc.channelCount(),
                    file + " channels");
            assertEquals(1024, asc.frameLength());
        }
    }

    @Test
    void aacLc_builtConfig_parsesBackToTheSameFields() throws Exception {
        for (int rate : new int[] {8000, 44100, 48000, 96000, 22222}) {
            for (int ch : new int[] {1, 2, 6, 8}) {
                AudioSpecificConfig built = AudioSpecificConfig.aacLc(rate, ch);
                AudioSpecificConfig parsed = AudioSpecificConfig.parse(built.bytes().toArray());
                assertEquals(built, parsed);
                assertEquals(rate, parsed.samplingFrequency());
                assertEquals(ch, parsed.channelCount());
            }
        }
    }

    @Test
    void parse_heAacExplicitSignalling_reportsSbrAndOutputRate() throws Exception {
        // AOT 5 (SBR), 24 kHz core (index 6), stereo, extension rate 48 kHz (index 3), core AOT 2.
        // 00101 0110 0010 0011 00010 000 -> bits packed below.
        byte[] asc = {(byte) 0b0010_1011, (byte) 0b0001_0001, (byte) 0b1000_1000, 0};
        AudioSpecificConfig c = AudioSpecificConfig.parse(asc);
        assertEquals(AudioSpecificConfig.AAC_LC, c.audioObjectType());
        assertEquals(AudioSpecificConfig.SBR, c.extensionAudioObjectType());
        assertEquals(1, c.sbrPresent());
        assertEquals(24000, c.samplingFrequency());
        assertEquals(48000, c.outputSamplingFrequency());
        assertEquals(2, c.channelCount());
    }

    @Test
    void parse_reservedFrequencyIndex_isATypedError() {
        byte[] asc = {(byte) 0b0001_0110, (byte) 0b1000_1000};
        try {
            AudioSpecificConfig.parse(asc);
        } catch (dev.bmff.codecs.bits.BitstreamException e) {
            assertTrue(e.getMessage().contains("reserved"), e.getMessage());
            return;
        }
        assertFalse(true, "index 13 must be rejected");
    }
}
