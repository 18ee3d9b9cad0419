package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FLAC, ALAC, MP3 (VBR), AC-3 and E-AC-3 recordings, alone and beside H.264 video, made by ffmpeg at test time, with
 * the moov lost and the media data cut at a few fractions: every sample whose bytes are present comes back byte for
 * byte in every track, and nothing else. The reference is another recording with the same settings and other content.
 */
class AudioCodecRecoveryTest {
    @TempDir
    Path dir;

    /** ffmpeg's audio arguments per codec. */
    private static List<String> audio(String codec) {
        return switch (codec) {
            case "flac" -> List.of("-c:a", "flac", "-strict", "-2");
            case "alac" -> List.of("-c:a", "alac");
            case "mp3" -> List.of("-c:a", "libmp3lame", "-q:a", "3");
            case "ac3" -> List.of("-c:a", "ac3");
            case "eac3" -> List.of("-c:a", "eac3");
            default -> throw new IllegalArgumentException(codec);
        };
    }

    /**
     * Two seconds of a tone with noise (so lossless and VBR frames vary in size), beside 160x120 H.264 with B-frames
     * when {@code video}; {@code seed} changes the content.
     */
    static Path make(Path out, String codec, boolean video, int seed) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        if (video) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:decimals=" + (seed % 3)));
        }
        cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + (300 + 70 * seed) + ":sample_rate=48000", "-f",
                "lavfi", "-i", "anoisesrc=a=0.08:r=48000:seed=" + seed));
        int a = video ? 1 : 0;
        cmd.addAll(List.of("-filter_complex", "[" + a + "][" + (a + 1) + "]amix=inputs=2,aformat=channel_layouts=stereo[a]"));
        if (video) {
            cmd.addAll(List.of("-map", "0:v", "-c:v", "libx264", "-g", "25", "-bf", "2", "-pix_fmt", "yuv420p"));
        }
        cmd.addAll(List.of("-map", "[a]", "-t", "2"));
        cmd.addAll(audio(codec));
        cmd.add(out.toString());
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, cmd);
        return out;
    }

    @ParameterizedTest(name = "{0} video={1} cut at {2}")
    @CsvSource({
        "flac, false, 1.0", "flac, false, 0.47", "flac, true, 1.0", "flac, true, 0.61",
        "alac, false, 1.0", "alac, false, 0.53", "alac, true, 1.0", "alac, true, 0.38",
        "mp3, false, 1.0", "mp3, false, 0.44", "mp3, true, 1.0", "mp3, true, 0.72",
        "ac3, false, 1.0", "ac3, false, 0.35", "ac3, true, 1.0", "ac3, true, 0.58",
        "eac3, false, 1.0", "eac3, false, 0.66", "eac3, true, 1.0", "eac3, true, 0.29"})
    void repair_lostMoovAndCut_everyPresentSampleExact(String codec, boolean video, double fraction) throws Exception {
        String ext = codec.equals("alac") ? "m4a" : "mp4";
        Path reference = make(dir.resolve("reference." + ext), codec, video, 1);
        Path original = make(dir.resolve("original." + ext), codec, video, 2);
        Path broken = dir.resolve("broken." + ext);
        long cut = BrokenFiles.lostMoov(original, fraction, broken);
        Path out = dir.resolve("fixed." + ext);

        RepairReport report = Recovery.repair(reference, broken, out);

        assertEquals(bytes(original, cut), bytes(out, Long.MAX_VALUE), report.toString());
        if (fraction == 1.0) {
            assertTrue(report.isComplete(), report.toString());
            assertEquals("", ExternalTools.decodeErrors(out));
        }
    }

    /** Per track, "size sha1" of each sample that ends by {@code limit}, in decode order. */
    private static List<List<String>> bytes(Path file, long limit) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (List<String> track : Expected.contents(file, limit)) {
            out.add(track.stream().map(r -> r.substring(0, r.indexOf(',')) + " " + r.substring(r.lastIndexOf(',') + 1))
                    .toList());
        }
        return out;
    }
}
