package dev.bmff.codecs.pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PcmFormat read from real files agrees with ffprobe and with the track's byte count. */
class PcmFormatTest {
    private static final Path OUT = Path.of("target", "pcm-fixtures");

    @ParameterizedTest
    @ValueSource(strings = {"h264-twos.mov", "h264-sowt.mov", "h264-in24.mov"})
    void fixtures_matchFfprobe(String name) throws Exception {
        check(Fixtures.file(name), null);
    }

    @ParameterizedTest
    @CsvSource({"pcm_s32le, 1, in32", "pcm_f32le, 1, fl32", "pcm_f64be, 1, fl64", "pcm_u8, 1, 'raw '",
            "pcm_s16le, 2, sowt", "pcm_s16be, 2, twos", "pcm_s24be, 6, in24", "pcm_s8, 1, sowt"})
    void ffmpegOutput_matchesFfprobe(String codec, int channels, String tag) throws Exception {
        Files.createDirectories(OUT);
        Path out = OUT.resolve(codec + "-" + channels + ".mov").toAbsolutePath();
        ExternalTools.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100", "-t", "0.5", "-ac", String.valueOf(channels), "-c:a", codec,
                out.toString());
        check(out, FourCC.of(tag));
    }

    private static void check(Path file, FourCC expectedTag) throws Exception {
        Map<String, String> probe = new HashMap<>();
        for (String line : ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=codec_name,channels,sample_rate,bits_per_sample,codec_tag_string", "-of",
                "default=noprint_wrappers=1", file.toString()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                probe.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        TrackSamples audio = SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks().stream()
                .filter(t -> t.handlerType().equals(FourCC.of("soun"))).findFirst().orElseThrow();
        AudioSampleEntry entry = (AudioSampleEntry) audio.sampleDescriptions().get(0);
        PcmFormat pcm = PcmFormat.of(entry);
        String where = file.getFileName() + " " + probe + " -> " + pcm;
        if (expectedTag != null) {
            assertEquals(expectedTag, entry.type(), where);
        }
        assertEquals(probe.get("codec_tag_string"), entry.type().toString().trim(), where);
        assertEquals(probe.get("codec_name"), codecName(pcm), where);
        assertEquals(Integer.parseInt(probe.get("channels")), pcm.channels(), where);
        assertEquals(Double.parseDouble(probe.get("sample_rate")), pcm.sampleRate(), where);
        assertEquals(Integer.parseInt(probe.get("bits_per_sample")), pcm.bitsPerSample(), where);
        assertEquals(pcm.channels() * pcm.bitsPerSample() / 8, pcm.bytesPerFrame(), where);
        long total = 0;
        for (int i = 0; i < audio.sampleCount(); i++) {
            total += audio.size(i);
        }
        // ffmpeg's mov muxer makes each PCM frame one sample: the frames fill the track's bytes exactly.
        assertEquals(total, (long) pcm.bytesPerFrame() * audio.sampleCount(), where);
    }

    /** ffmpeg's name for the layout: pcm_s16le, pcm_u8, pcm_f64be... */
    static String codecName(PcmFormat f) {
        String kind = f.isFloat() ? "f" : f.isSigned() ? "s" : "u";
        String order = f.bitsPerSample() <= 8 ? "" : f.isBigEndian() ? "be" : "le";
        return "pcm_" + kind + f.bitsPerSample() + order;
    }
}
