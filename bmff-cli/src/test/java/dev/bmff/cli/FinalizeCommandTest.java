package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff finalize}: an interrupted fragmented recording becomes a standard MP4 that plays. */
class FinalizeCommandTest {
    @TempDir
    Path dir;

    @Test
    void cutFragmentedRecording_finalized_isStandardAndDecodes() throws Exception {
        // ffmpeg's frag_keyframe+empty_moov fixture, cut inside its second fragment: a recorder killed mid-way.
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac-frag.mp4"));
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 3 / 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(List.of("finalize", cut.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertTrue(code == 0 || code == RepairCommand.EXIT_PARTIAL, "exit " + code + ": " + out);
        Path finalized = dir.resolve("cut.final.mp4");
        ReadResult r = BoxReader.read(finalized, ReadOptions.strict());
        assertTrue(r.movie().isPresent() && r.all(MovieFragmentBox.class).isEmpty()
                && !r.all(MediaDataBox.class).isEmpty(), "a standard layout");
        assertTrue(r.first(MovieBox.class).isPresent());
        assertEquals("", ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", finalized.toString(), "-f",
                "null", "-").strip());
    }

    @Test
    void faststart_putsTheMoovBeforeTheMediaData_andPlaysAsWithout() throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac-frag.mp4"));
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 3 / 4));
        Path plain = dir.resolve("plain.mp4");
        Path fast = dir.resolve("fast.mp4");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertTrue(Main.run(List.of("finalize", "--no-progress", cut.toString(), plain.toString()), quiet, quiet) != 1);
        assertTrue(Main.run(List.of("finalize", "--no-progress", "--faststart", cut.toString(), fast.toString()), quiet,
                quiet) != 1);
        List<String> order = BoxReader.read(fast, ReadOptions.strict()).nodes().stream()
                .map(n -> n.header().type().toString()).toList();
        assertEquals(List.of("ftyp", "moov", "mdat"), order, "moov before mdat");
        assertEquals("mdat", BoxReader.read(plain, ReadOptions.strict()).nodes().get(1).header().type().toString());
        assertEquals(Files.size(plain), Files.size(fast), "the same boxes, in another order");
        assertEquals(framemd5(plain), framemd5(fast), "every packet the same");
    }

    @Test
    void faststartInPlace_isRefusedWithItsCost() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("finalize", "--in-place", "--faststart", Fixtures.file("h264-aac-frag.mp4")
                .toString()), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("full rewrite"), err.toString(StandardCharsets.UTF_8));
    }

    private static String framemd5(Path file) {
        return ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0", "-c", "copy",
                "-f", "framemd5", "-").lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void existingOutput_isRefused() throws Exception {
        Path taken = dir.resolve("taken.mp4");
        Files.write(taken, new byte[] {1});
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("finalize", Fixtures.file("h264-aac-frag.mp4").toString(), taken.toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.EXIT_USAGE, code);
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
    }
}
