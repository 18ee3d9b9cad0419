package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bmff tracks} and {@code bmff inspect} on FLAC, ALAC, MP3, AC-3 and E-AC-3 that ffmpeg makes at test time:
 * format, rate, channels and (lossless) bits per sample as ffprobe reports them.
 */
class AudioCodecTracksTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "FLAC, mp4, 2, -c:a flac -strict -2",
        "ALAC, m4a, 2, -c:a alac",
        "ALAC, mov, 1, -c:a alac",
        "MP3, mp4, 1, -c:a libmp3lame -ar 22050 -b:a 32k",
        "MP3, mov, 2, -c:a libmp3lame",
        "AC-3, mp4, 6, -c:a ac3",
        "E-AC-3, mp4, 2, -c:a eac3"})
    void tracks_audioCodecs_agreeWithFfprobe(String format, String ext, int channels, String args) throws Exception {
        Path file = dir.resolve("a." + ext);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                "sine=frequency=500:sample_rate=48000", "-t", "0.5", "-ac", String.valueOf(channels)));
        cmd.addAll(List.of(args.split(" ")));
        cmd.add(file.toString());
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, cmd);
        String[] f = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=sample_rate,channels,bits_per_raw_sample", "-of", "csv=p=0", file.toString()).strip().split(",");

        String[] r = TracksCommandTest.run("tracks", file.toString());
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertEquals(format, TracksCommandTest.field(line, "format"), line);
        assertEquals(f[0], TracksCommandTest.field(line, "sampleRate"), line);
        assertEquals(f[1], TracksCommandTest.field(line, "channels"), line);
        if (format.equals("FLAC") || format.equals("ALAC")) {
            assertEquals(f[2], TracksCommandTest.field(line, "bitsPerSample"), line);
        } else {
            assertTrue(Long.parseLong(TracksCommandTest.field(line, "bitrate")) > 0, line);
        }
        String[] inspect = TracksCommandTest.run("inspect", file.toString());
        assertTrue(inspect[1].contains("codec: " + format + " "), inspect[1]);
    }
}
