package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.aac.AdtsReader;
import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.core.testing.ExternalTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio sample entries our builders make play in ffmpeg with the stream parameters of the source:
 * AAC from an ADTS stream (what an RTSP camera sends), and 16-bit PCM in both byte orders.
 */
class AudioEntriesEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aacEntry_fromAdtsStream_probesLikeTheSourceAndDecodesCleanly() throws Exception {
        Path adts = tmp.resolve("in.aac");
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                "sine=frequency=660:sample_rate=44100", "-t", "1", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                "-f", "adts", adts.toString());
        List<byte[]> frames = new ArrayList<>();
        AudioSpecificConfig asc = null;
        try (InputStream in = Files.newInputStream(adts)) {
            AdtsReader reader = new AdtsReader(in);
            for (AdtsReader.Frame f; (f = reader.next()) != null; ) {
                if (asc == null) {
                    asc = f.header().toAudioSpecificConfig();
                }
                frames.add(f.payload());
            }
        }
        Path out = tmp.resolve("out.m4a");
        TinyMp4.writeAudio(out, AudioSampleEntries.aac(asc, Bitrate.NONE), frames, 44100, 1024);

        String expected = probe(adts);
        assertEquals(expected, probe(out));
        assertEquals("", ExternalTools.decodeErrors(out));
    }

    @Test
    void pcm16Entries_bothByteOrders_probeAsTheSourceAndDecodeCleanly() throws Exception {
        for (boolean bigEndian : new boolean[] {true, false}) {
            String fmt = bigEndian ? "s16be" : "s16le";
            Path raw = tmp.resolve("in." + fmt);
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "0.5", "-ac", "2", "-f", fmt, raw.toString());
            byte[] pcm = Files.readAllBytes(raw);
            List<byte[]> samples = new ArrayList<>();
            for (int i = 0; i + 4 <= pcm.length; i += 4) {
                samples.add(java.util.Arrays.copyOfRange(pcm, i, i + 4));
            }
            Path out = tmp.resolve("out-" + fmt + ".mov");
            TinyMp4.writeAudio(out, AudioSampleEntries.pcm16(bigEndian, 2, 48000), samples, 48000, 1);
            String probe = ExternalTools.run("ffprobe", "-v", "error", "-show_entries",
                    "stream=codec_name,sample_rate,channels,bits_per_sample", "-of", "csv=p=0", out.toString()).strip();
            assertEquals("pcm_" + fmt + ",48000,2,16", probe, fmt);
            // Decoding gives back exactly the PCM we stored.
            Path decoded = tmp.resolve("dec." + fmt);
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", out.toString(), "-f", fmt, decoded.toString());
            assertEquals(java.util.Arrays.hashCode(pcm), java.util.Arrays.hashCode(Files.readAllBytes(decoded)), fmt);
        }
    }

    private static String probe(Path file) {
        return ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=codec_name,profile,sample_rate,channels,channel_layout", "-of", "csv=p=0", file.toString())
                .strip();
    }
}
