package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whichever mix of {@link SampleData} a writer is given (bytes in memory, ranges of two source files, ranges that
 * follow one another and so are copied as one, empty samples), it writes byte for byte the file it writes from the
 * same samples all in memory: the kernel copy and its twin through the heap, for every writer.
 */
class SampleDataProperties {
    enum Kind {
        STANDARD,
        FASTSTART,
        FRAGMENTED,
        HYBRID,
        CMAF
    }

    private interface Writing {
        Mp4Writer open(Path out, List<TrackSpec> specs) throws IOException;
    }

    @Property(tries = 40)
    void anyMixOfSampleData_writesTheFileOfTheSamplesInMemory(@ForAll long seed, @ForAll Kind kind,
            @ForAll @IntRange(min = 1, max = 3) int trackCount, @ForAll @IntRange(min = 0, max = 300) int count)
            throws IOException {
        Random rnd = new Random(seed);
        Path dir = Files.createTempDirectory("bmff-sd");
        try {
            Path[] sourceFiles = {dir.resolve("a.bin"), dir.resolve("b.bin")};
            for (Path p : sourceFiles) {
                byte[] b = new byte[200_000];
                rnd.nextBytes(b);
                Files.write(p, b);
            }
            List<TrackSpec> specs = new ArrayList<>();
            for (int t = 0; t < trackCount; t++) {
                specs.add(t == 0 || rnd.nextBoolean()
                        ? TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 90_000)
                        : TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
            }
            Writing writing = writing(kind, rnd);
            try (FileChannel a = FileChannel.open(sourceFiles[0]); FileChannel b = FileChannel.open(sourceFiles[1])) {
                List<Sample> mixed = samples(rnd, trackCount, count, new FileChannel[] {a, b});
                List<Sample> inMemory = new ArrayList<>();
                for (Sample s : mixed) {
                    inMemory.add(inMemory(s));
                }
                Path outMixed = write(writing, dir.resolve("mixed"), specs, mixed);
                Path outMemory = write(writing, dir.resolve("memory"), specs, inMemory);
                assertSameTree(outMemory, outMixed);
            }
        } finally {
            delete(dir);
        }
    }

    /** Ranges past 4 GiB of a (sparse) source: 64-bit offsets all the way to the kernel's copy. */
    @Example
    void rangesPast4GiB_ofASparseSource_areCopied() throws IOException {
        Path dir = Files.createTempDirectory("bmff-sd");
        try {
            Path big = dir.resolve("big.bin");
            long at = (4L << 30) + 12_345;
            byte[] media = new byte[50_000];
            new Random(7).nextBytes(media);
            try (FileChannel ch = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE)) {
                PositionalWrites.writeFully(ch, at, ByteBuffer.wrap(media));
            }
            List<TrackSpec> specs = List.of(
                    TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 90_000));
            for (Kind kind : Kind.values()) {
                try (FileChannel in = FileChannel.open(big)) {
                    List<Sample> mixed = new ArrayList<>();
                    List<Sample> inMemory = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mixed.add(new Sample(0, new SampleData.InFile(in, at + i * 5_000L, 5_000), i * 3_000L, 0,
                                Sample.UNKNOWN_DURATION, i % 5 == 0));
                        inMemory.add(new Sample(0, Bytes.of(media, i * 5_000, 5_000), i * 3_000L, 0,
                                Sample.UNKNOWN_DURATION, i % 5 == 0));
                    }
                    Writing writing = writing(kind, new Random(1));
                    assertSameTree(write(writing, dir.resolve(kind + "-memory"), specs, inMemory),
                            write(writing, dir.resolve(kind + "-file"), specs, mixed));
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static Writing writing(Kind kind, Random rnd) {
        Duration chunk = Duration.ofMillis(1 + rnd.nextInt(1000));
        long maxChunkBytes = 1 + rnd.nextInt(100_000);
        return switch (kind) {
            case STANDARD, FASTSTART -> (out, specs) -> StandardWriter.create(out, specs, StandardWriter.Options
                    .defaults().withFaststart(kind == Kind.FASTSTART).withChunkDuration(chunk)
                    .withMaxChunkBytes(maxChunkBytes));
            case FRAGMENTED -> (out, specs) -> FragmentedWriter.create(out, specs, FragmentedWriter.Options.defaults()
                    .withMaxFragmentDuration(chunk));
            case HYBRID -> (out, specs) -> HybridWriter.create(out, specs, HybridWriter.Options.defaults());
            case CMAF -> (out, specs) -> CmafWriter.create(Files.createDirectories(out), specs,
                    CmafWriter.Options.defaults());
        };
    }

    /** Samples of random sizes and times; each in memory or in one of the sources, often right after the last. */
    private static List<Sample> samples(Random rnd, int trackCount, int count, FileChannel[] sources)
            throws IOException {
        List<Sample> out = new ArrayList<>();
        long[] dts = new long[trackCount];
        FileChannel last = sources[0];
        long lastEnd = 0;
        for (int i = 0; i < count; i++) {
            int t = rnd.nextInt(trackCount);
            int size = rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(3000);
            SampleData data;
            int where = rnd.nextInt(4);
            if (where == 0) {
                byte[] b = new byte[size];
                rnd.nextBytes(b);
                data = new SampleData.InMemory(Bytes.of(b));
            } else {
                FileChannel src = where == 1 ? sources[rnd.nextInt(2)] : last;
                long offset = where == 1 || lastEnd + size > src.size() ? rnd.nextInt((int) src.size() - size)
                        : lastEnd;
                data = new SampleData.InFile(src, offset, size);
                last = src;
                lastEnd = offset + size;
            }
            long duration = rnd.nextInt(4) == 0 ? Sample.UNKNOWN_DURATION : 1 + rnd.nextInt(3000);
            boolean sync = rnd.nextInt(3) == 0;
            out.add(new Sample(t, data, dts[t], rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(3000), duration, sync));
            dts[t] += 1 + rnd.nextInt(3000);
        }
        return out;
    }

    private static Sample inMemory(Sample s) throws IOException {
        if (s.content() instanceof SampleData.InFile f) {
            byte[] b = PositionalReads.readFully(f.channel(), f.offset(), f.length());
            return new Sample(s.track(), Bytes.of(b), s.dts(), s.compositionOffset(), s.duration(), s.sync());
        }
        return s;
    }

    private static Path write(Writing writing, Path out, List<TrackSpec> specs, List<Sample> samples)
            throws IOException {
        try (Mp4Writer w = writing.open(out, specs)) {
            for (Sample s : samples) {
                w.write(s);
            }
        }
        return out;
    }

    /** The same files with the same bytes (one file, or a directory of segments and playlists). */
    private static void assertSameTree(Path expected, Path actual) throws IOException {
        if (Files.isRegularFile(expected)) {
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual.toString());
            return;
        }
        List<String> names = names(expected);
        assertEquals(names, names(actual));
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), n);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : s.toList()) {
                    delete(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
