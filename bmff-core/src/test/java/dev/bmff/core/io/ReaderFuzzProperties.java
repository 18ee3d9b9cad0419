package dev.bmff.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.dump.BoxTreeDump;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.testing.ByteArrayChannel;
import dev.bmff.core.testing.FuzzRegressions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile input: whatever the bytes, {@link BoxReader#read} and {@link SampleIndex#of} either succeed or throw
 * {@link BmffFormatException} (lenient mode: only of kind {@code LIMIT_EXCEEDED}), quickly and without large
 * allocations, and {@link BoxTreeDump} can print whatever a lenient read returns.
 */
class ReaderFuzzProperties {

    /** Wall-clock bound of one input (strict and lenient read, index and dumps). */
    private static final Duration PER_TRY = Duration.ofSeconds(5);
    /**
     * Bytes reading and indexing one input may allocate. The inputs are under 300 KB; a clean fixture takes a
     * few MB, so this only catches a hostile count turned into a huge allocation.
     */
    private static final long MAX_ALLOCATED = 256L << 20;

    // ---------------------------------------------------------------- properties

    /** Where the inputs these properties fail on go: {@code fixtures/fuzz/reader/}, replayed by FuzzRegressionTest. */
    static final String TARGET = "reader";

    @Property(tries = 300)
    void randomBytes_read_succeedsOrThrowsFormatException(@ForAll("randomBytes") byte[] input) {
        FuzzRegressions.guard(TARGET, input, () -> check(input));
    }

    @Property(tries = 300)
    void randomBoxSoup_read_succeedsOrThrowsFormatException(@ForAll("boxSoup") byte[] input) {
        FuzzRegressions.guard(TARGET, input, () -> check(input));
    }

    @Property(tries = 500)
    void mutatedFixture_read_succeedsOrThrowsFormatException(@ForAll("mutatedFixtures") Mutated input) {
        FuzzRegressions.guard(TARGET, input.bytes(), () -> check(input.bytes()));
    }

    @Example
    void everyFixture_readStrictAndIndexed_succeedsClean() throws IOException {
        for (Map.Entry<String, byte[]> f : fixtures().entrySet()) {
            ReadResult r = BoxReader.read(new ByteArrayChannel(f.getValue()), ReadOptions.strict());
            assertTrue(r.isClean(), f.getKey());
            SampleIndex index = SampleIndex.of(r);
            assertTrue(index.tracks().stream().allMatch(t -> t.sampleCount() > 0), f.getKey());
            check(f.getValue());
        }
    }

    // ---------------------------------------------------------------- regressions found by the properties
    // Their inputs are in fixtures/fuzz/reader/ (FuzzRegressionTest replays them); this one also pins the outcome.

    /** co64 offset near 2^63 (fixtures/fuzz/reader/co64-chunk-offset-near-long-max.bin): offset + size overflowed. */
    @Example
    void chunkOffsetNearLongMax_index_rejectsSampleOutsideFile() throws IOException {
        byte[] file = concat(BoxWriter.toBytes(tableTrackMovie(Long.MAX_VALUE - 10)),
                BoxWriter.toBytes(new MediaDataBox(Bytes.zeros(200), false)));
        ReadResult r = BoxReader.read(new ByteArrayChannel(file), ReadOptions.strict());
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> SampleIndex.of(r));
        assertTrue(e.getMessage().contains("end of the file"), e.getMessage());
        SampleIndex lenient = SampleIndex.of(r, ReadOptions.Mode.LENIENT);
        assertEquals(0, lenient.tracks().get(0).sampleCount());
        assertEquals(1, lenient.problems().size());
        check(file);
    }

    /** A video track with one 100-byte sample in one chunk at {@code chunkOffset} (co64). */
    static MovieBox tableTrackMovie(long chunkOffset) {
        Box stbl = new SampleTableBox(List.of(
                new SampleDescriptionBox(0, 0, List.of()),
                new TimeToSampleBox(0, 0, LongArray.of(1), LongArray.of(1)),
                new SampleToChunkBox(0, 0, LongArray.of(1), LongArray.of(1), LongArray.of(1)),
                SampleSizeBox.of(LongArray.of(100)),
                new ChunkLargeOffsetBox(0, 0, LongArray.of(chunkOffset))));
        Box mdia = new MediaBox(List.of(MediaHeaderBox.of(1000, 1, "und"), HandlerBox.of(HandlerBox.VIDEO, "v"),
                new MediaInformationBox(List.of(stbl))));
        Box tkhd = new TrackHeaderBox(0, 3, 0, 0, 1, 1, 0, 0, 0, Matrix.IDENTITY, 0, 0);
        return new MovieBox(List.of(MovieHeaderBox.of(1000, 1, 2), new TrackBox(List.of(tkhd, mdia))));
    }

    static Mutated mutate(String fixture, Mutation... ms) {
        byte[] b = fixtures().get(fixture);
        for (Mutation m : ms) {
            b = apply(b, m, fixture);
        }
        return new Mutated(fixture, List.of(ms), b);
    }

    // ---------------------------------------------------------------- the check

    /** What the reader must do with any input. */
    static void check(byte[] input) {
        assertTimeoutPreemptively(PER_TRY, () -> {
            long[] allocated = {0};
            readStrict(input, allocated);
            readLenient(input, allocated);
            assertTrue(allocated[0] < MAX_ALLOCATED, "reading and indexing " + input.length + " bytes allocated "
                    + allocated[0] + " bytes");
        }, () -> "reading took longer than " + PER_TRY + ": " + describe(input));
    }

    /** Strict read and index; {@code allocated[0]} grows by what they allocate (the dumps are not counted). */
    private static void readStrict(byte[] input, long[] allocated) throws IOException {
        long before = allocatedBytes();
        ReadResult r;
        try {
            r = BoxReader.read(new ByteArrayChannel(input), ReadOptions.strict());
        } catch (BmffFormatException e) {
            assertMessage(e);
            return;
        } finally {
            allocated[0] += allocatedBytes() - before;
        }
        assertTrue(r.isClean(), "a strict read reports no problems, it throws");
        assertRewritesIdentically(input, r);
        assertNotNull(BoxTreeDump.text(r));
        assertNotNull(BoxTreeDump.json(r));
        before = allocatedBytes();
        try {
            touch(SampleIndex.of(r), r.fileSize());
        } catch (BmffFormatException e) {
            assertMessage(e);
        } finally {
            allocated[0] += allocatedBytes() - before;
        }
    }

    /**
     * A file the strict reader accepts is written back byte for byte ("reading and writing a file loses
     * nothing"), except for the header forms the model does not keep: size 0 ("to the end") and a 64-bit size
     * on anything but mdat.
     */
    static void assertRewritesIdentically(byte[] input, ReadResult r) throws IOException {
        List<BoxNode> todo = new ArrayList<>(r.nodes());
        while (!todo.isEmpty()) {
            BoxNode n = todo.remove(todo.size() - 1);
            if (n.header().toEnd() || n.header().largeSize() && !(n.box() instanceof MediaDataBox)) {
                return;
            }
            todo.addAll(n.children());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BoxWriter.write(r.boxes(), Channels.newChannel(out), new ByteArrayChannel(input));
        byte[] written = out.toByteArray();
        if (!Arrays.equals(input, written)) {
            int at = Arrays.mismatch(input, written);
            throw new AssertionError("strict read then write changed the file at byte " + at + " of "
                    + input.length + " (written " + written.length + "): " + BoxTreeDump.text(r).lines()
                    .limit(60).reduce("", (x, y) -> x + "\n" + y));
        }
    }

    /** Lenient read and index: only a limit may stop them. */
    private static void readLenient(byte[] input, long[] allocated) throws IOException {
        long before = allocatedBytes();
        ReadResult r;
        try {
            r = BoxReader.read(new ByteArrayChannel(input), ReadOptions.lenient());
        } catch (BmffFormatException e) {
            assertEquals(BmffFormatException.Kind.LIMIT_EXCEEDED, e.kind(), () -> "lenient read threw " + e);
            return;
        } finally {
            allocated[0] += allocatedBytes() - before;
        }
        assertNotNull(BoxTreeDump.text(r));
        assertNotNull(BoxTreeDump.json(r));
        before = allocatedBytes();
        try {
            touch(SampleIndex.of(r, ReadOptions.Mode.LENIENT), r.fileSize());
        } catch (BmffFormatException e) {
            assertEquals(BmffFormatException.Kind.LIMIT_EXCEEDED, e.kind(), () -> "lenient index threw " + e);
        } finally {
            allocated[0] += allocatedBytes() - before;
        }
    }

    /** Reads every sample, as {@code bmff samples} does; the index only lists samples inside the file. */
    private static void touch(SampleIndex index, long fileSize) {
        for (TrackSamples t : index.tracks()) {
            for (int i = 0; i < t.sampleCount(); i++) {
                var s = t.sample(i);
                if (s.offset() < 0 || s.size() < 0 || s.offset() > fileSize - s.size()) {
                    throw new AssertionError("track " + t.trackId() + " sample " + i + " (" + s.size()
                            + " bytes at " + s.offset() + ") lies outside the file of " + fileSize + " bytes");
                }
            }
            t.totalDuration();
        }
    }

    private static void assertMessage(BmffFormatException e) {
        assertNotNull(e.kind());
        assertNotNull(e.getMessage());
        assertTrue(e.offset() >= 0, () -> "negative offset in " + e);
    }

    /** The thread MX bean and its getCurrentThreadAllocatedBytes, by reflection (bmff-core reads no JMX module). */
    private static final Object THREAD_BEAN;
    private static final Method ALLOCATED_BYTES;

    static {
        Object bean = null;
        Method m = null;
        try {
            bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            m.invoke(bean);
        } catch (ReflectiveOperationException | RuntimeException e) {
            bean = null;
            m = null;
        }
        THREAD_BEAN = bean;
        ALLOCATED_BYTES = m;
    }

    /** Bytes allocated by the current thread so far, or 0 when the JVM cannot tell. */
    private static long allocatedBytes() {
        if (ALLOCATED_BYTES == null) {
            return 0;
        }
        try {
            return (Long) ALLOCATED_BYTES.invoke(THREAD_BEAN);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    private static String describe(byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 64));
        return input.length + " bytes: " + hex + (input.length > 64 ? "..." : "");
    }

    // ---------------------------------------------------------------- random bytes

    @Provide
    Arbitrary<byte[]> randomBytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        // Random bytes after a real-looking first header, so the reader gets past the first box.
        Arbitrary<byte[]> afterHeader = Combinators.combine(Arbitraries.of(TYPES), any,
                Arbitraries.integers().between(0, 4096)).as((type, rest, size) -> concat(
                        u32(size), type.getBytes(StandardCharsets.ISO_8859_1), rest));
        return Arbitraries.oneOf(any, afterHeader);
    }

    // ---------------------------------------------------------------- box soup

    private static final List<String> CONTAINERS = List.of("moov", "trak", "edts", "mdia", "minf", "dinf", "stbl",
            "mvex", "moof", "traf", "mfra", "udta");
    private static final List<String> LEAVES = List.of("ftyp", "styp", "mvhd", "tkhd", "elst", "mdhd", "hdlr",
            "vmhd", "smhd", "nmhd", "stts", "ctts", "cslg", "stss", "sdtp", "stsc", "stsz", "stz2", "stco", "co64",
            "mehd", "trex", "mfhd", "tfhd", "tfdt", "trun", "sidx", "tfra", "mfro", "free", "mdat", "uuid", "avcC");
    private static final List<String> TYPES = Stream.concat(Stream.concat(CONTAINERS.stream(), LEAVES.stream()),
            Stream.of("stsd", "dref", "avc1", "mp4a", "twos")).toList();

    /**
     * Boxes of known types with correct sizes, nested up to 4 deep, whose payloads are random words biased
     * towards small and hostile values; some sizes are then corrupted.
     */
    @Provide
    Arbitrary<byte[]> boxSoup() {
        return soupBox(4).list().ofMinSize(1).ofMaxSize(4).map(ReaderFuzzProperties::concatAll);
    }

    private static Arbitrary<byte[]> soupBox(int depth) {
        Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0, 1, 2, 3, 0xFF, 0x100, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000,
                        0xFFFF_FFFF, 0x0F01, 0x0E01, 0x0305, 0x0001_0000, 0x0100_0000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers()))
                .list().ofMaxSize(24).map(words -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    words.forEach(w -> out.writeBytes(u32(w)));
                    return out.toByteArray();
                });
        Arbitrary<byte[]> leaf = Combinators.combine(Arbitraries.of(LEAVES), payload)
                .as((type, p) -> box(type, p));
        if (depth <= 1) {
            return leaf;
        }
        Arbitrary<byte[]> children = Arbitraries.lazy(() -> soupBox(depth - 1)).list().ofMaxSize(4)
                .map(ReaderFuzzProperties::concatAll);
        Arbitrary<byte[]> container = Combinators.combine(Arbitraries.of(CONTAINERS), children)
                .as((type, c) -> box(type, c));
        // stsd/dref: version, flags, entry count, then entries (sample entries need a real prefix).
        Arbitrary<byte[]> entry = Combinators.combine(Arbitraries.of("avc1", "mp4a", "twos", "hvc1", "url "),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(100), children)
                .as((type, prefix, c) -> box(type, concat(prefix, c)));
        Arbitrary<byte[]> stsd = Combinators.combine(Arbitraries.of("stsd", "dref"), Arbitraries.integers()
                .between(0, 3), Arbitraries.of(0, 1, 2), entry.list().ofMaxSize(3))
                .as((type, count, version, entries) -> box(type, concat(new byte[] {version.byteValue(), 0, 0, 0},
                        u32(count), concatAll(entries))));
        Arbitrary<byte[]> any = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(3, container), net.jqwik.api.Tuple.of(1, stsd));
        // Now and then a size field that lies.
        return Combinators.combine(any, Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 1, 7, 8, 9, 16, 0x7FFF_FFFF, 0xFFFF_FFFF))))
                .as((b, size) -> {
                    if (size != -1) {
                        System.arraycopy(u32(size), 0, b, 0, 4);
                    }
                    return b;
                });
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(u32(8 + payload.length), type.getBytes(StandardCharsets.ISO_8859_1), payload);
    }

    // ---------------------------------------------------------------- mutated fixtures

    /** A fixture and the mutations applied to it, for readable counterexamples. */
    record Mutated(String fixture, List<Mutation> mutations, byte[] bytes) {
        @Override
        public String toString() {
            return fixture + " " + mutations + " -> " + bytes.length + " bytes";
        }
    }

    enum Op { FLIP, SIZE, LARGESIZE, COUNT, WIDE, TRUNCATE, DUPLICATE }

    /** One change; {@code a}, {@code b}, {@code c} are random choices interpreted by {@link #apply}. */
    record Mutation(Op op, int a, int b, int c) {
    }

    private static final long[] HOSTILE_SIZES = {0, 1, 7, 8, 9, 15, 16, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final long[] HOSTILE_LARGE = {0, 1, 8, 15, 16, 17, 0xFFFF_FFFFL, 1L << 32, 1L << 40,
        Long.MAX_VALUE, -1L};
    /** 64-bit offsets and times near the limits (co64, tfhd base_data_offset, version 1 times). */
    private static final long[] HOSTILE_WIDE = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 100_000,
        Long.MAX_VALUE - 500, Long.MAX_VALUE - 4000, Long.MIN_VALUE, -1L, 1L << 32, 1L << 62, 0};
    private static final long[] HOSTILE_COUNTS = {0, 1, 2, 0xFF, 0xFFFF, 0x10000, 1_000_000, 0x1000_0000,
        0x3FFF_FFFF, 0x4000_0000, 0x7FFF_FFFF, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};
    /** Boxes whose first payload words hold entry counts, sizes, flags and versions. */
    private static final Set<String> TABLES = Set.of("stsz", "stz2", "stts", "ctts", "stsc", "stco", "co64", "stss",
            "sdtp", "elst", "trun", "tfhd", "tfdt", "sidx", "tfra", "stsd", "dref", "trex", "mvhd", "tkhd", "mdhd",
            "hdlr", "mehd", "cslg", "avc1", "mp4a", "twos", "sowt", "hvc1");

    @Provide
    Arbitrary<Mutated> mutatedFixtures() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Op.values()),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(fixtures().keySet()), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((name, ms) -> mutate(name, ms.toArray(Mutation[]::new)));
    }

    static byte[] apply(byte[] in, Mutation m, String fixture) {
        if (in.length == 0) {
            return in;
        }
        byte[] b = in.clone();
        // Box headers of the unmutated fixture (offset, type): most still line up after earlier mutations.
        List<long[]> headers = boxes().get(fixture);
        long[] h = headers.get(m.a() % headers.size());
        int at = (int) h[0];
        switch (m.op()) {
            case FLIP -> {
                int pos = m.a() % b.length;
                b[pos] ^= (byte) (1 + m.b() % 255);
            }
            case SIZE -> {
                long size = m.b() % 3 == 0 ? h[2] + (m.c() % 17) - 8 : HOSTILE_SIZES[m.c() % HOSTILE_SIZES.length];
                put32(b, at, size);
            }
            case LARGESIZE -> {
                put32(b, at, 1);
                long size = m.b() % 3 == 0 ? h[2] + 8 : HOSTILE_LARGE[m.c() % HOSTILE_LARGE.length];
                put32(b, at + 8, size >>> 32);
                put32(b, at + 12, size);
            }
            case COUNT -> {
                List<long[]> tables = headers.stream().filter(x -> TABLES.contains(fourCC((int) x[1]))).toList();
                long[] t = tables.isEmpty() ? h : tables.get(m.a() % tables.size());
                // Word 0 of a full box is version+flags, then counts/sizes/fields; write one of the first six.
                int word = (int) (t[0] + 8 + 4L * (m.b() % 6));
                long value = m.c() % 5 == 0 ? (m.c() >>> 3) & 0xFF_FFFFL | ((long) (m.c() % 3) << 24)
                        : HOSTILE_COUNTS[m.c() % HOSTILE_COUNTS.length];
                put32(b, word, value);
            }
            case WIDE -> {
                List<long[]> tables = headers.stream().filter(x -> TABLES.contains(fourCC((int) x[1]))).toList();
                long[] t = tables.isEmpty() ? h : tables.get(m.a() % tables.size());
                int word = (int) (t[0] + 8 + 4L * (1 + m.b() % 5));
                long value = HOSTILE_WIDE[m.c() % HOSTILE_WIDE.length];
                put32(b, word, value >>> 32);
                put32(b, word + 4, value);
            }
            case TRUNCATE -> {
                return Arrays.copyOf(b, m.a() % b.length);
            }
            case DUPLICATE -> {
                int from = m.a() % b.length;
                int len = Math.min(b.length - from, 1 + m.b() % 4096);
                int to = m.c() % (b.length + 1);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                return out;
            }
            default -> throw new AssertionError(m.op());
        }
        return b;
    }

    private static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            if (at + i >= 0) {
                b[at + i] = (byte) (v >>> (24 - 8 * i));
            }
        }
    }

    private static String fourCC(int v) {
        return new String(u32(v), StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- fixtures

    private static Map<String, byte[]> fixtures;
    private static Map<String, List<long[]>> boxes;

    /** The ffmpeg-made files of {@code fixtures/}, by name. */
    static synchronized Map<String, byte[]> fixtures() {
        if (fixtures == null) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            try (Stream<Path> files = Files.list(fixtureDir())) {
                for (Path p : files.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".mp4") || n.endsWith(".mov")) {
                        m.put(n, Files.readAllBytes(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(m.size() >= 5, "fixtures found: " + m.keySet());
            fixtures = m;
        }
        return fixtures;
    }

    /** Every box of every fixture as {offset, type, size}, from a strict read. */
    static synchronized Map<String, List<long[]>> boxes() {
        if (boxes == null) {
            Map<String, List<long[]>> m = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> f : fixtures().entrySet()) {
                List<long[]> out = new ArrayList<>();
                try {
                    List<BoxNode> todo = new ArrayList<>(BoxReader.read(new ByteArrayChannel(f.getValue()),
                            ReadOptions.strict()).nodes());
                    while (!todo.isEmpty()) {
                        BoxNode n = todo.remove(todo.size() - 1);
                        if (n.header().headerSize() > 0) {
                            out.add(new long[] {n.header().offset(), n.header().type().value(), n.header().size()});
                        }
                        todo.addAll(n.children());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.sort((x, y) -> Long.compare(x[0], y[0]));
                m.put(f.getKey(), out);
            }
            boxes = m;
        }
        return boxes;
    }

    /** {@code fixtures/} of the repository, found from the module directory the tests run in. */
    public static Path fixtureDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("fixtures");
            if (Files.isDirectory(f) && Files.exists(f.resolve("h264-aac.mp4"))) {
                return f;
            }
        }
        throw new IllegalStateException("no fixtures/ directory above " + Path.of("").toAbsolutePath());
    }

    // ---------------------------------------------------------------- bytes

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] concat(byte[]... parts) {
        return concatAll(Arrays.asList(parts));
    }

    static byte[] concatAll(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
