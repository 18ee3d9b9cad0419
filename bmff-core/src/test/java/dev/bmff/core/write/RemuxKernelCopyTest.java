package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A remux whose bytes the kernel copies ({@link Remux.Copy#KERNEL}, what the public methods do) writes byte for byte
 * the file its reference twin writes by reading every sample into memory ({@link Remux.Copy#HEAP}): on every fixture
 * and real file, to a fragmented file, to a standard one, and back from the fragmented output; a file the remux
 * refuses, both refuse with the same message.
 */
class RemuxKernelCopyTest {
    @TempDir
    Path dir;

    /** Every media fixture, and the real recordings kept with provenance in fixtures/real. */
    static Stream<Path> files() throws IOException {
        List<Path> all = new ArrayList<>(Fixtures.all());
        try (Stream<Path> s = Files.list(Fixtures.dir().resolve("real"))) {
            s.filter(p -> p.getFileName().toString().matches("(?i).+\\.(mp4|mov)")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    private interface Run {
        void remux(Path in, Path out, Remux.Copy how) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void kernelCopy_writesTheBytesOfTheInMemoryTwin(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path frag = dir.resolve(name + ".frag.mp4");
        boolean fragmented = same(file, frag, (in, out, how) -> Remux.toFragmented(in, out, Remux.Progress.NONE,
                how));
        same(file, dir.resolve(name + ".std.mp4"), (in, out, how) -> Remux.toStandard(in, out, Remux.Progress.NONE,
                how));
        if (fragmented) {
            assertTrue(same(frag, dir.resolve(name + ".defrag.mp4"),
                    (in, out, how) -> Remux.toStandard(in, out, Remux.Progress.NONE, how)), "defrag of " + frag);
        }
    }

    @Test
    void kernelCopy_ofACmafSegment_writesTheBytesOfTheInMemoryTwin() throws IOException {
        Path cmaf = Fixtures.dir().resolve("real").resolve("cmaf-shaka");
        for (String track : List.of("video", "audio")) {
            Path init = cmaf.resolve(track + "_init.mp4");
            assertTrue(same(cmaf.resolve(track + "_2.m4s"), dir.resolve(track + ".mp4"),
                    (in, out, how) -> Remux.segmentToStandard(init, in, out, Remux.Progress.NONE, how)), track);
        }
    }

    /**
     * Remuxes {@code in} both ways; true when both wrote (the same bytes), false when both failed the same way.
     * {@code out} is the kernel copy's output.
     */
    private boolean same(Path in, Path out, Run run) throws IOException {
        Path reference = out.resolveSibling("heap-" + out.getFileName());
        IOException heapFailure = null;
        try {
            run.remux(in, reference, Remux.Copy.HEAP);
        } catch (BmffFormatException e) {
            heapFailure = e;
        }
        if (heapFailure != null) {
            IOException kernelFailure = assertThrows(BmffFormatException.class,
                    () -> run.remux(in, out, Remux.Copy.KERNEL));
            assertEquals(heapFailure.getMessage(), kernelFailure.getMessage(), "the same refusal for " + in);
            return false;
        }
        run.remux(in, out, Remux.Copy.KERNEL);
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out), in + " -> " + out.getFileName());
        return true;
    }

    /**
     * A file whose last chunk offset points past its end (its moov sound otherwise): the remux names the sample and
     * its table, and leaves nothing behind, neither the output nor a temporary file.
     */
    @Test
    void chunkPastTheEnd_namesTheSample_andLeavesNoOutput() throws IOException {
        Path plain = dir.resolve("plain.mp4");
        Remux.toStandard(Fixtures.file("h264-aac.mp4"), plain);
        byte[] bytes = Files.readAllBytes(plain);
        int stco = indexOf(bytes, "stco".getBytes(StandardCharsets.US_ASCII));
        assertTrue(stco > 0, "the standard output has a 32-bit chunk offset table");
        ByteBuffer table = ByteBuffer.wrap(bytes);
        int count = table.getInt(stco + 8);
        table.putInt(stco + 12 + 4 * (count - 1), bytes.length - 16); // the last chunk starts 16 bytes before the end
        Path hostile = dir.resolve("hostile.mp4");
        Files.write(hostile, bytes);

        Path outDir = Files.createDirectory(dir.resolve("out"));
        for (boolean fragmented : new boolean[] {true, false}) {
            Path out = outDir.resolve(fragmented ? "frag.mp4" : "std.mp4");
            BmffFormatException e = assertThrows(BmffFormatException.class, () -> {
                if (fragmented) {
                    Remux.toFragmented(hostile, out);
                } else {
                    Remux.toStandard(hostile, out);
                }
            });
            assertTrue(e.boxPath().startsWith("moov/trak[0]"), e.getMessage());
            assertTrue(e.detail().matches("sample \\d+ .*ends past the end of the file.*"), e.getMessage());
            try (Stream<Path> left = Files.list(outDir)) {
                assertEquals(List.of(), left.toList(), "nothing left behind");
            }
        }
    }

    /**
     * A source cut after its index was read (another program truncating it during the remux): the copy of the range
     * that is gone fails with an EOFException (the last chunk is copied at close, which wraps it) saying where the
     * source ended, never a file with a hole.
     */
    @Test
    void sourceCutDuringTheCopy_failsWithEndOfFile() throws IOException {
        Path copy = Files.copy(Fixtures.file("h264-aac.mp4"), dir.resolve("cut.mp4"));
        RemuxSource source = RemuxSource.read(copy);
        long end = 0;
        for (RemuxSource.Item item : source.samples()) {
            end = Math.max(end, item.bytes().end());
        }
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            ch.truncate(end - 1);
        }
        Path out = dir.resolve("out.mp4");
        StandardWriter w = StandardWriter.create(out, source.specs(),
                StandardWriter.Options.defaults().withMovieBoxes(source.movieBoxes()));
        try (FileChannel in = FileChannel.open(copy)) {
            IOException e = assertThrows(IOException.class, () -> {
                for (RemuxSource.Item item : source.samples()) {
                    w.write(source.inFile(in, item));
                }
                w.close();
            });
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof java.io.EOFException && cause.getMessage().contains("source ended at"),
                    e.toString());
        } finally {
            w.abandon();
        }
        assertTrue(!Files.exists(out), "no output");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
