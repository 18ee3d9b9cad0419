package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff repair} without a reference: the case found, exit codes, the fragmented layout. */
class RepairCommandTest {
    @TempDir
    Path dir;

    @Test
    void repair_cutFragmentedFileWithoutReference_writesAStandardFileAndExits2() throws Exception {
        byte[] whole = Files.readAllBytes(CliTest.fixture("h264-aac-frag.mp4"));
        Path broken = dir.resolve("cut.mp4");
        Files.write(broken, Arrays.copyOf(whole, whole.length * 3 / 4));
        Path out = dir.resolve("fixed.mp4");

        CliTest.Run r = CliTest.run("repair", "--json", broken.toString(), out.toString());

        assertEquals(RepairCommand.EXIT_PARTIAL, r.code(), r.err());
        assertTrue(r.out().contains("\"kind\":\"FRAGMENTED_TRUNCATED\""), r.out());
        assertTrue(Files.size(out) > 1000);
        CliTest.Run fragmented = CliTest.run("repair", "--fragmented", broken.toString(),
                dir.resolve("prefix.mp4").toString());
        assertEquals(RepairCommand.EXIT_PARTIAL, fragmented.code(), fragmented.err());
        assertEquals(28571, Files.size(dir.resolve("prefix.mp4")), "up to the end of the first fragment's mdat");
    }

    @Test
    void repair_fileWithoutMoovAndNoReference_failsWithExit1AndNoOutput() throws Exception {
        byte[] whole = Files.readAllBytes(CliTest.fixture("h264-aac.mp4"));
        Path broken = dir.resolve("nomoov.mp4");
        Files.write(broken, Arrays.copyOf(whole, 30_000));
        Path out = dir.resolve("fixed.mp4");
        CliTest.Run r = CliTest.run("repair", broken.toString(), out.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("reference"), r.err());
        assertFalse(Files.exists(out));
    }
}
