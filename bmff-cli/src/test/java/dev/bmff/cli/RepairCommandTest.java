package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff repair} with and without a reference: the case found, exit codes, the fragmented layout. */
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
        // Up to the end of the first fragment's mdat, then a fragment of the torn second one's samples present.
        byte[] prefix = Files.readAllBytes(dir.resolve("prefix.mp4"));
        assertArrayEquals(Arrays.copyOf(whole, 28571), Arrays.copyOf(prefix, 28571));
        assertTrue(prefix.length > 28571, "the torn fragment's kept samples follow");
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

    /**
     * The recording without its moov (ftyp, then an mdat of size 0 holding the media data up to {@code keep}
     * of its bytes), the way a crashed recorder leaves it.
     */
    private static Path withoutMoov(Path original, double keep, Path to) throws Exception {
        byte[] whole = Files.readAllBytes(original);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(whole);
        int pos = 0;
        while (!new String(whole, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("mdat")) {
            pos += b.getInt(pos);
        }
        int mdatSize = b.getInt(pos);
        byte[] out = Arrays.copyOf(whole, pos + 8 + (int) Math.round((mdatSize - 8) * keep));
        Arrays.fill(out, pos, pos + 4, (byte) 0);
        Files.write(to, out);
        return to;
    }

    @Test
    void repair_withReference_exits0WhenEverythingCameBack_and2WhenTheMediaWasCut() throws Exception {
        Path reference = CliTest.fixture("h264-aac.mp4");
        Path whole = withoutMoov(reference, 1.0, dir.resolve("whole.mp4"));
        Path cut = withoutMoov(reference, 0.6, dir.resolve("cut.mp4"));

        CliTest.Run complete = CliTest.run("repair", reference.toString(), whole.toString(),
                dir.resolve("fixed-whole.mp4").toString());
        CliTest.Run partial = CliTest.run("repair", "--json", reference.toString(), cut.toString(),
                dir.resolve("fixed-cut.mp4").toString());

        assertEquals(0, complete.code(), complete.out() + complete.err());
        assertEquals(RepairCommand.EXIT_PARTIAL, partial.code(), partial.out() + partial.err());
        assertTrue(partial.out().contains("\"kind\":\"MOOV_REBUILT_FROM_REFERENCE\""), partial.out());
        assertTrue(partial.out().contains("\"complete\":false"), partial.out());
        assertTrue(Files.size(dir.resolve("fixed-cut.mp4")) > 1000);
    }
}
