package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff verify}: exit 0 only for a sound file; problems with their offsets; --json. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void verify_soundFile_exits0() {
        CliTest.Run r = CliTest.run("verify", CliTest.fixture("h264-aac.mp4").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sound: 56000 bytes, 2 tracks"), r.out());
        assertTrue(r.out().contains("track 1 (vide, H.264"), r.out());
    }

    @Test
    void verify_json_isOneObject() {
        CliTest.Run r = CliTest.run("verify", "--json", CliTest.fixture("h264-aac-frag.mp4").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        assertTrue(r.out().startsWith("{\"sound\":true,"), r.out());
    }

    @Test
    void verify_truncatedFile_exits1AndNamesTheOffset() throws Exception {
        byte[] whole = Files.readAllBytes(CliTest.fixture("h264-aac-faststart.mp4"));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, 30_000));
        CliTest.Run r = CliTest.run("verify", cut.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("NOT sound, 1 problem"), r.out());
        assertTrue(r.out().matches("(?s).*problem at offset \\d+ \\(mdat.*"), r.out());
        CliTest.Run json = CliTest.run("verify", "--json", cut.toString());
        assertEquals(1, json.code());
        assertTrue(json.out().startsWith("{\"sound\":false,"), json.out());
        assertTrue(json.out().contains("\"offset\":"), json.out());
    }

    @Test
    void verify_missingFileAndWrongArguments_oneLine() {
        CliTest.Run missing = CliTest.run("verify", dir.resolve("nope.mp4").toString());
        assertEquals(1, missing.code());
        CliTest.assertOneErrorLine(missing);
        CliTest.Run none = CliTest.run("verify");
        assertEquals(Main.EXIT_USAGE, none.code());
        CliTest.assertOneErrorLine(none);
        assertEquals(0, CliTest.run("verify", "--help").code());
    }
}
