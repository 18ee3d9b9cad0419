package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user finds on disk after a command: outputs with the permissions the umask gives any new file, nothing
 * under the output's name (and no temporary file) after a failure, a clear error for a file that is not ISO BMFF,
 * a vendor's trailer tolerated, and an in-place repair that needs no OUT.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"027", "002"})
    void everyOutput_hasThePermissionsTheUmaskGivesANewFile(String umask) throws Exception {
        Path frag = dir.resolve("frag.mp4");
        Path cut = dir.resolve("cut.mp4");
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac-faststart.mp4"));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5000)); // a standard file whose media data was cut
        // Each command as its own process, under the umask, as a user's shell runs it.
        List<String[]> commands = List.of(
                new String[] {"frag", Fixtures.file("h264-aac.mp4").toString(), frag.toString()},
                new String[] {"defrag", frag.toString(), dir.resolve("defrag.mp4").toString()},
                new String[] {"finalize", frag.toString(), dir.resolve("final.mp4").toString()},
                new String[] {"repair", cut.toString(), dir.resolve("repaired.mp4").toString()});
        List<Path> outputs = new ArrayList<>();
        for (String[] c : commands) {
            List<String> argv = new ArrayList<>(Arrays.asList(c));
            argv.add(1, "--no-progress");
            int code = underUmask(umask, argv);
            assertTrue(code == 0 || c[0].equals("repair") && code == RepairCommand.EXIT_PARTIAL, c[0] + " exit " + code);
            outputs.add(Path.of(c[c.length - 1]));
        }
        Path touched = dir.resolve("touched");
        ExternalTools.run("sh", "-c", "umask " + umask + " && touch '" + touched + "'");
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(touched));
        assertEquals(umask.equals("027") ? "rw-r-----" : "rw-rw-r--", expected);
        for (Path out : outputs) {
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(out)),
                    out.getFileName() + " under umask " + umask);
        }
    }

    /** Runs {@code bmff ARGS} in a new JVM whose shell set {@code umask}; returns its exit code. */
    private static int underUmask(String umask, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh", java,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 && code != RepairCommand.EXIT_PARTIAL) {
            System.err.println(output);
        }
        return code;
    }

    @ParameterizedTest
    @ValueSource(strings = {"defrag", "frag"})
    void failureHalfwayThroughACopy_leavesNoOutputAndNoTemporaryFile(String command) throws Exception {
        // A fragmented file whose second video fragment goes back to decode time 0: found only while copying.
        Path bad = dir.resolve("backwards.mp4");
        byte[] bytes = Files.readAllBytes(Fixtures.file("h264-aac-frag.mp4"));
        ReadResult read = BoxReader.read(Fixtures.file("h264-aac-frag.mp4"), ReadOptions.strict());
        BoxNode moof = read.nodes().stream().filter(n -> n.box() instanceof MovieFragmentBox).skip(1).findFirst()
                .orElseThrow();
        BoxNode tfdt = moof.children().get(1).children().stream()
                .filter(n -> n.header().type().toString().equals("tfdt")).findFirst().orElseThrow();
        int at = (int) tfdt.header().payloadOffset();
        int width = bytes[at] == 1 ? 8 : 4;
        Arrays.fill(bytes, at + 4, at + 4 + width, (byte) 0);
        Files.write(bad, bytes);
        Path out = dir.resolve("out.mp4");

        CliTest.Run r = CliTest.run(command, "--no-progress", bad.toString(), out.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("decode time"), r.err());
        assertFalse(Files.exists(out), "no output under the name asked for");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("backwards.mp4"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left beside it");
        }
    }

    @Test
    void notIsoBmff_isAnErrorForInspectAndVerify() throws Exception {
        Path random = dir.resolve("random.mp4");
        byte[] noise = new byte[5000];
        new Random(13).nextBytes(noise);
        Files.write(random, noise);
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "hello world, this is a text file\n");
        for (Path p : List.of(random, text)) {
            CliTest.Run inspect = CliTest.run("inspect", p.toString());
            assertEquals(Main.EXIT_FAILURE, inspect.code(), inspect.out());
            assertTrue(inspect.err().contains("not an ISO BMFF"), inspect.err());
            assertEquals(Main.EXIT_FAILURE, CliTest.run("verify", p.toString()).code());
        }
        assertEquals(0, CliTest.run("inspect", Fixtures.file("h264-aac.mp4").toString()).code(), "an MP4 is one");
    }

    @Test
    void trailerAfterTheLastBox_isIndexedLenientlyAndVerifiedWithAWarning() throws Exception {
        Path source = RealFilesTest.real("hlg10-color-test.mp4");
        Path file = dir.resolve("insta360.mp4");
        // An Insta360-like trailer: records of data, then its 32-byte magic; not a box.
        ByteBuffer trailer = ByteBuffer.allocate(120);
        trailer.putInt(0x12345678).putInt(0x9abcdef0);
        while (trailer.remaining() > 32) {
            trailer.put((byte) 0x5a);
        }
        trailer.put("8db42d694ccc418790edff439fe026bf".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, concat(Files.readAllBytes(source), trailer.array()));

        CliTest.Run lenient = CliTest.run("samples", "--lenient", file.toString());
        assertEquals(0, lenient.code(), lenient.err());
        assertEquals(CliTest.run("samples", source.toString()).out(), lenient.out(), "every sample indexed");
        assertEquals(1, lenient.errLines().size(), "the trailer is one problem: " + lenient.err());
        assertTrue(lenient.err().contains("offset " + Files.size(source)), lenient.err());
        assertNotEquals(0, CliTest.run("samples", file.toString()).code(), "strict reading stops at the trailer");

        CliTest.Run verify = CliTest.run("verify", file.toString());
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains("warning at offset " + Files.size(source)), verify.out());
        // A cut file is not a trailer: still a failure.
        Path cut = dir.resolve("cut.mp4");
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac.mp4"));
        Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
        assertEquals(Main.EXIT_FAILURE, CliTest.run("verify", cut.toString()).code());
    }

    @Test
    void repairInPlace_withReferenceAndBrokenOnly_writesNoOtherFile() throws Exception {
        Path source = Fixtures.file("h264-aac.mp4");
        ReadResult whole = BoxReader.read(source, ReadOptions.strict());
        BoxNode mdat = whole.nodes().stream().filter(n -> n.box() instanceof MediaDataBox).findFirst().orElseThrow();
        BoxNode moov = whole.nodes().stream().filter(n -> n.box() instanceof MovieBox).findFirst().orElseThrow();
        byte[] broken = Arrays.copyOf(Files.readAllBytes(source), (int) moov.header().offset());
        Arrays.fill(broken, (int) mdat.header().offset(), (int) mdat.header().offset() + 4, (byte) 0);
        Path file = dir.resolve("camera.mp4");
        Files.write(file, broken);

        CliTest.Run r = CliTest.run("repair", "--in-place", "--no-progress", source.toString(), file.toString());
        assertTrue(r.code() == 0 || r.code() == RepairCommand.EXIT_PARTIAL, r.out() + r.err());
        assertTrue(BoxReader.read(file, ReadOptions.strict()).movie().isPresent(), "the moov was appended");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("camera.mp4", "camera.mp4.bmff-undo"), s.map(p -> p.getFileName().toString())
                    .sorted().toList());
        }
        assertTrue(CliTest.run("repair", "--help").out().contains("--in-place [--json]"));
    }

    private static byte[] concat(byte[] a, byte[] b) throws IOException {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
