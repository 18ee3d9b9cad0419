package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: ffmpeg killed with SIGKILL while recording, repaired with another encode of the same settings. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private static List<String> encode(String source, Path out, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.ffmpeg().toString(), "-y", "-v", "error"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-f", "lavfi", "-i", source + "=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-c:v", "libx264", "-bf", "2", "-g", "25",
                "-pix_fmt", "yuv420p", "-x264-params", "threads=1", "-c:a", "aac", "-flush_packets", "1", "-t", "20",
                out.toString()));
        return cmd;
    }

    @Test
    void repair_ffmpegKilledWhileRecording_decodesCleanlyWithEveryFrameItWrote() throws Exception {
        Path reference = dir.resolve("reference.mp4");
        List<String> ref = encode("testsrc", reference);
        ref.set(ref.indexOf("20"), "2");
        ExternalTools.run(java.time.Duration.ofSeconds(60), ref);
        Path crashed = dir.resolve("crashed.mp4");
        // -re: real-time speed, so the file grows slowly and the kill lands mid-recording.
        Process p = new ProcessBuilder(encode("testsrc2", crashed, "-re")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(3500);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        assertTrue(Files.size(crashed) > 10_000, "ffmpeg wrote too little before the kill");

        Path out = dir.resolve("fixed.mp4");
        RepairReport report = Recovery.repair(reference, crashed, out);

        assertTrue(report.tracks().get(0).samples() >= 25, report.toString());
        assertEquals(2, report.tracks().size(), report.toString());
        assertEquals("", ExternalTools.decodeErrors(out));
        String frames = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", out.toString()).trim();
        assertEquals(report.tracks().get(0).samples(), Long.parseLong(frames), report.toString());
    }
}
