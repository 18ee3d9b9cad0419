package dev.bmff.core.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ByteArrayChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Round trip of the box model: for every box tree the model can express, {@code read(write(x)) == x}
 * (record equality) and {@code write(read(write(x)))} is byte-identical to {@code write(x)}.
 *
 * <p>The trees respect how the reader decides what a box is: a leaf is parsed by its type wherever it sits,
 * and the children of an {@code stsd} are visual or audio sample entries according to the handler of the
 * enclosing track ({@code vide}/{@code soun}), or, without a handler, according to well-known format codes.
 * So sample entries are only generated inside a "canonical" track whose {@code hdlr} precedes the {@code stsd}.
 */
class BoxRoundTripProperties {

    // ---------------------------------------------------------------- properties

    @Property(tries = 300)
    void leaf_writeThenRead_equalsAndRewritesIdentically(@ForAll("leaves") Box box) throws IOException {
        assertRoundTrip(List.of(box));
    }

    @Property(tries = 300)
    void sampleEntryTrack_writeThenRead_equalsAndRewritesIdentically(@ForAll("canonicalTracks") TrackBox trak)
            throws IOException {
        assertRoundTrip(List.of(new MovieBox(List.of(trak))));
        entryKinds(trak).forEach(k -> Statistics.label("sample entries").collect(k));
    }

    /** What kinds of sample entry a generated track holds, for jqwik's statistics report. */
    private static List<String> entryKinds(ContainerBox box) {
        List<String> out = new ArrayList<>();
        for (Box b : box.children()) {
            if (b instanceof SampleDescriptionBox stsd) {
                for (Box e : stsd.children()) {
                    out.add(e instanceof VisualSampleEntry ? "visual"
                            : e instanceof AudioSampleEntry a ? (a.v1() != null ? "audio QuickTime v1"
                                    : a.v2() != null ? "audio QuickTime v2" : "audio")
                            : e instanceof TrailingBytes ? "trailing zeros" : "raw");
                }
            } else if (b instanceof ContainerBox c) {
                out.addAll(entryKinds(c));
            }
        }
        return out;
    }

    @Property(tries = 200)
    void quickTimeSoundTrack_writeThenRead_equalsAndRewritesIdentically(@ForAll("quickTimeSoundTracks") TrackBox trak)
            throws IOException {
        assertRoundTrip(List.of(new MovieBox(List.of(trak))));
        entryKinds(trak).forEach(k -> Statistics.label("sample entries").collect(k));
    }

    @Property(tries = 200)
    void file_writeThenRead_equalsAndRewritesIdentically(@ForAll("files") List<Box> boxes) throws IOException {
        assertRoundTrip(boxes);
    }

    @Example
    void dataReference_withZeroTerminator_rewritesSameEntryCount() throws IOException {
        // A dref with one entry followed by QuickTime's 4-byte zero terminator: the entry count is 1.
        Box url = RawBox.of(FourCC.of("url "), new byte[] {0, 0, 0, 1});
        Box dref = new DataReferenceBox(0, 0, List.of(url, new TrailingBytes(Bytes.zeros(4))));
        assertRoundTrip(List.of(new DataInformationBox(List.of(dref))));
    }

    @Example
    void sampleDescription_withZeroTerminator_rewritesSameEntryCount() throws IOException {
        Box entry = RawBox.of(FourCC.of("tx3g"), new byte[] {1, 2, 3});
        Box stsd = new SampleDescriptionBox(0, 0, List.of(entry, new TrailingBytes(Bytes.zeros(4))));
        Box hdlr = HandlerBox.of(FourCC.of("text"), "Text");
        Box trak = new TrackBox(List.of(new MediaBox(List.of(hdlr, new MediaInformationBox(List.of(
                new SampleTableBox(List.of(stsd))))))));
        assertRoundTrip(List.of(new MovieBox(List.of(trak))));
    }

    static void assertRoundTrip(List<Box> boxes) throws IOException {
        byte[] bytes = write(boxes);
        ReadResult strict = BoxReader.read(new ByteArrayChannel(bytes), ReadOptions.strict());
        assertEquals(boxes, strict.boxes(), "read(write(x)) in strict mode");
        assertTrue(strict.isClean());
        ReadResult lenient = BoxReader.read(new ByteArrayChannel(bytes), ReadOptions.lenient());
        assertEquals(boxes, lenient.boxes(), "read(write(x)) in lenient mode");
        assertEquals(List.of(), lenient.problems());
        assertArrayEquals(bytes, write(strict.boxes()), "write(read(write(x)))");
    }

    static byte[] write(List<Box> boxes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Box b : boxes) {
            out.writeBytes(BoxWriter.toBytes(b));
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- providers

    @Provide
    Arbitrary<Box> leaves() {
        return leaf();
    }

    @Provide
    Arbitrary<TrackBox> canonicalTracks() {
        return canonicalTrack();
    }

    /** Sound tracks under a version 0 stsd: sound descriptions version 0, 1 and 2 (QuickTime extensions). */
    @Provide
    Arbitrary<TrackBox> quickTimeSoundTracks() {
        return canonicalTrack(Handler.SOUND, Arbitraries.just(0));
    }

    @Provide
    Arbitrary<List<Box>> files() {
        Arbitrary<Box> top = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, ftyp()),
                net.jqwik.api.Tuple.of(3, canonicalMovie()),
                net.jqwik.api.Tuple.of(4, container(3)),
                net.jqwik.api.Tuple.of(2, topLevelRaw()),
                net.jqwik.api.Tuple.of(1, freeSpace()),
                net.jqwik.api.Tuple.of(2, leaf()));
        return top.list().ofMinSize(1).ofMaxSize(4);
    }

    // ---------------------------------------------------------------- field helpers

    /** Sequential access to the values of a {@link #rec} combination. */
    static final class V {
        private final List<Object> xs;
        private int k;

        V(List<Object> xs) {
            this.xs = xs;
        }

        int i() {
            return (Integer) xs.get(k++);
        }

        long l() {
            return (Long) xs.get(k++);
        }

        boolean b() {
            return (Boolean) xs.get(k++);
        }

        @SuppressWarnings("unchecked")
        <T> T o() {
            return (T) xs.get(k++);
        }
    }

    /** Combines any number of arbitraries (shrinkable) and builds a value from them in order. */
    static <R> Arbitrary<R> rec(Function<V, R> make, Arbitrary<?>... parts) {
        List<Arbitrary<Object>> list = Arrays.stream(parts).map(a -> a.map(x -> (Object) x)).toList();
        return Combinators.combine(list).as(xs -> make.apply(new V(new ArrayList<>(xs))));
    }

    static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    static Arbitrary<Long> longs(long min, long max) {
        return Arbitraries.longs().between(min, max);
    }

    static Arbitrary<Integer> u8() {
        return ints(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return ints(0, 0xFFFF);
    }

    static Arbitrary<Integer> s16() {
        return ints(Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static Arbitrary<Integer> s32() {
        return Arbitraries.integers();
    }

    static Arbitrary<Long> u32() {
        return longs(0, 0xFFFF_FFFFL);
    }

    /** A 64-bit field the reader accepts (below 2^63). */
    static Arbitrary<Long> u63() {
        return longs(0, Long.MAX_VALUE);
    }

    /** 32 bits in version 0, 63 in version 1. */
    static Arbitrary<Long> sized(int version) {
        return version == 0 ? u32() : u63();
    }

    static Arbitrary<Integer> flags() {
        return ints(0, 0xFF_FFFF);
    }

    static Arbitrary<Integer> anyVersion() {
        return ints(0, 255);
    }

    static Arbitrary<Bytes> bytes(int n) {
        return Arbitraries.bytes().array(byte[].class).ofSize(n).map(Bytes::of);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<LongArray> array(Arbitrary<Long> values, int max) {
        return values.list().ofMaxSize(max).map(l -> LongArray.of(l.stream().mapToLong(Long::longValue).toArray()));
    }

    static Arbitrary<LongArray> array(Arbitrary<Long> values, int min, int max) {
        return values.list().ofMinSize(min).ofMaxSize(max)
                .map(l -> LongArray.of(l.stream().mapToLong(Long::longValue).toArray()));
    }

    static Arbitrary<LongArray> arrayOfSize(Arbitrary<Long> values, int n) {
        return values.list().ofSize(n).map(l -> LongArray.of(l.stream().mapToLong(Long::longValue).toArray()));
    }

    static Arbitrary<FourCC> anyFourCC() {
        return Arbitraries.integers().map(FourCC::new);
    }

    static Arbitrary<FourCC> printableFourCC() {
        return Arbitraries.chars().range(' ', '~').list().ofSize(4)
                .map(cs -> FourCC.of(cs.stream().map(String::valueOf).collect(Collectors.joining())));
    }

    /** Types the reader parses (leaves, containers) or treats specially, and well-known sample entry formats. */
    static final Set<String> SPECIAL_TYPES = Stream.of(
            "ftyp", "styp", "moov", "mvhd", "trak", "tkhd", "edts", "elst", "mdia", "mdhd", "hdlr", "minf", "vmhd",
            "smhd", "nmhd", "dinf", "dref", "stbl", "stsd", "stts", "ctts", "cslg", "stss", "sdtp", "stsc", "stsz",
            "stz2", "stco", "co64", "mvex", "mehd", "trex", "moof", "mfhd", "traf", "tfhd", "tfdt", "trun", "sidx",
            "mfra", "tfra", "mfro", "free", "skip", "wide", "mdat", "udta", "uuid",
            // SampleEntryCodecs' VIDEO_FORMATS and AUDIO_FORMATS
            "avc1", "avc2", "avc3", "avc4", "hvc1", "hev1", "dvh1", "dvhe", "mp4v", "av01", "vp08", "vp09", "jpeg",
            "mjpa", "mjpb", "apch", "apcn", "apcs", "apco", "ap4h", "s263", "h263", "encv", "mp4a", "twos", "sowt",
            "ipcm", "fpcm", "lpcm", "in24", "in32", "fl32", "fl64", "raw ", "ulaw", "alaw", "ac-3", "ec-3", "Opus",
            "fLaC", "alac", "samr", "sawb", ".mp3", "enca", "mlpa").collect(Collectors.toSet());

    static final List<String> VIDEO_FORMATS = List.of("avc1", "avc3", "hvc1", "hev1", "mp4v", "av01", "vp09",
            "jpeg", "apcn", "encv");
    static final List<String> AUDIO_FORMATS = List.of("mp4a", "twos", "sowt", "ipcm", "lpcm", "raw ", "ac-3",
            "Opus", "fLaC", "alac", "enca");

    /** A type no codec knows: kept as a {@link RawBox} anywhere. */
    static Arbitrary<FourCC> unknownType() {
        Arbitrary<FourCC> realistic = Arbitraries.of("avcC", "esds", "hvcC", "btrt", "pasp", "colr", "url ", "alis",
                "\u00a9too", "meta", "ilst", "data", "tx3g", "wave", "chan", "XYZ1").map(FourCC::of);
        return Arbitraries.oneOf(realistic, printableFourCC())
                .filter(t -> !SPECIAL_TYPES.contains(t.toString()));
    }

    static Arbitrary<Matrix> matrix() {
        return s32().list().ofSize(9).map(v -> new Matrix(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4),
                v.get(5), v.get(6), v.get(7), v.get(8)));
    }

    // ---------------------------------------------------------------- leaves

    static Arbitrary<Box> leaf() {
        return Arbitraries.oneOf(List.of(
                ftyp(), mvhd(), tkhd(), elst(), mdhd(), hdlr(), vmhd(), smhd(), nmhd(), stts(), ctts(), cslg(),
                stss(), sdtp(), stsc(), stsz(), stz2(), stco(), co64(), mehd(), trex(), mfhd(), tfhd(), tfdt(),
                trun(), sidx(), tfra(), mfro(), raw()).stream().map(a -> a.map(b -> (Box) b)).toList());
    }

    static Arbitrary<FileTypeBox> ftyp() {
        return rec(v -> new FileTypeBox(v.o(), v.o(), v.l(), v.o()),
                Arbitraries.of(BoxTypes.FTYP, BoxTypes.STYP), anyFourCC(), u32(), anyFourCC().list().ofMaxSize(6));
    }

    static Arbitrary<MovieHeaderBox> mvhd() {
        return ints(0, 1).flatMap(ver -> rec(v -> new MovieHeaderBox(ver, v.i(), v.l(), v.l(), v.l(), v.l(),
                v.i(), v.i(), v.o(), v.o(), v.o(), v.l()),
                flags(), sized(ver), sized(ver), u32(), sized(ver), s32(), u16(), bytes(10), matrix(), bytes(24),
                u32()));
    }

    static Arbitrary<TrackHeaderBox> tkhd() {
        return ints(0, 1).flatMap(ver -> rec(v -> new TrackHeaderBox(ver, v.i(), v.l(), v.l(), v.l(), v.l(),
                v.i(), v.i(), v.i(), v.o(), v.l(), v.l()),
                flags(), sized(ver), sized(ver), u32(), sized(ver), s16(), s16(), u16(), matrix(), u32(), u32()));
    }

    static Arbitrary<EditListBox> elst() {
        return ints(0, 1).flatMap(ver -> {
            Arbitrary<Long> mediaTime = ver == 0 ? longs(Integer.MIN_VALUE, Integer.MAX_VALUE)
                    : Arbitraries.longs();
            Arbitrary<EditListBox.Entry> entry = rec(v -> new EditListBox.Entry(v.l(), v.l(), v.i(), v.i()),
                    sized(ver), Arbitraries.oneOf(mediaTime, Arbitraries.just(-1L)), s16(), s16());
            return rec(v -> new EditListBox(ver, v.i(), v.o()), flags(), entry.list().ofMaxSize(4));
        });
    }

    static Arbitrary<MediaHeaderBox> mdhd() {
        return ints(0, 1).flatMap(ver -> rec(v -> new MediaHeaderBox(ver, v.i(), v.l(), v.l(), v.l(), v.l(),
                v.i(), v.i()), flags(), sized(ver), sized(ver), u32(), sized(ver), u16(), u16()));
    }

    static Arbitrary<HandlerBox> hdlr() {
        return hdlr(anyFourCC());
    }

    static Arbitrary<HandlerBox> hdlr(Arbitrary<FourCC> handlerType) {
        return rec(v -> new HandlerBox(0, v.i(), v.l(), v.o(), v.o(), v.o()),
                flags(), u32(), handlerType, bytes(12), bytes(0, 24));
    }

    static Arbitrary<VideoMediaHeaderBox> vmhd() {
        return rec(v -> new VideoMediaHeaderBox(0, v.i(), v.i(), v.i(), v.i(), v.i()),
                flags(), u16(), u16(), u16(), u16());
    }

    static Arbitrary<SoundMediaHeaderBox> smhd() {
        return rec(v -> new SoundMediaHeaderBox(0, v.i(), v.i()), flags(), s16());
    }

    static Arbitrary<NullMediaHeaderBox> nmhd() {
        return rec(v -> new NullMediaHeaderBox(v.i(), v.i()), anyVersion(), flags());
    }

    static Arbitrary<TimeToSampleBox> stts() {
        return ints(0, 6).flatMap(n -> rec(v -> new TimeToSampleBox(v.i(), v.i(), v.o(), v.o()),
                anyVersion(), flags(), arrayOfSize(u32(), n), arrayOfSize(u32(), n)));
    }

    static Arbitrary<CompositionOffsetBox> ctts() {
        return Combinators.combine(ints(0, 1), ints(0, 6)).flatAs((ver, n) -> rec(
                v -> new CompositionOffsetBox(ver, v.i(), v.o(), v.o()),
                flags(), arrayOfSize(u32(), n),
                arrayOfSize(ver == 0 ? u32() : longs(Integer.MIN_VALUE, Integer.MAX_VALUE), n)));
    }

    static Arbitrary<CompositionToDecodeBox> cslg() {
        return ints(0, 1).flatMap(ver -> {
            Arbitrary<Long> f = ver == 0 ? longs(Integer.MIN_VALUE, Integer.MAX_VALUE) : Arbitraries.longs();
            return rec(v -> new CompositionToDecodeBox(ver, v.i(), v.l(), v.l(), v.l(), v.l(), v.l()),
                    flags(), f, f, f, f, f);
        });
    }

    static Arbitrary<SyncSampleBox> stss() {
        return rec(v -> new SyncSampleBox(v.i(), v.i(), v.o()), anyVersion(), flags(), array(u32(), 8));
    }

    static Arbitrary<SampleDependencyTypeBox> sdtp() {
        return rec(v -> new SampleDependencyTypeBox(v.i(), v.i(), v.o()), anyVersion(), flags(), bytes(0, 16));
    }

    static Arbitrary<SampleToChunkBox> stsc() {
        return ints(0, 5).flatMap(n -> rec(v -> new SampleToChunkBox(v.i(), v.i(), v.o(), v.o(), v.o()),
                anyVersion(), flags(), arrayOfSize(u32(), n), arrayOfSize(u32(), n), arrayOfSize(u32(), n)));
    }

    static Arbitrary<SampleSizeBox> stsz() {
        Arbitrary<SampleSizeBox> constant = rec(v -> new SampleSizeBox(v.i(), v.i(), v.l(), v.l(), LongArray.EMPTY),
                anyVersion(), flags(), longs(1, 0xFFFF_FFFFL), u32());
        Arbitrary<SampleSizeBox> perSample = rec(v -> {
            int ver = v.i();
            int fl = v.i();
            LongArray sizes = v.o();
            return new SampleSizeBox(ver, fl, 0, sizes.size(), sizes);
        }, anyVersion(), flags(), array(u32(), 10));
        return Arbitraries.oneOf(constant, perSample);
    }

    static Arbitrary<CompactSampleSizeBox> stz2() {
        return Arbitraries.of(4, 8, 16).flatMap(fs -> rec(v -> new CompactSampleSizeBox(v.i(), v.i(), fs, v.o()),
                anyVersion(), flags(), array(longs(0, (1L << fs) - 1), 11)));
    }

    static Arbitrary<ChunkOffsetBox> stco() {
        return rec(v -> new ChunkOffsetBox(v.i(), v.i(), v.o()), anyVersion(), flags(), array(u32(), 8));
    }

    static Arbitrary<ChunkLargeOffsetBox> co64() {
        return rec(v -> new ChunkLargeOffsetBox(v.i(), v.i(), v.o()), anyVersion(), flags(), array(u63(), 8));
    }

    static Arbitrary<MovieExtendsHeaderBox> mehd() {
        return ints(0, 1).flatMap(ver -> rec(v -> new MovieExtendsHeaderBox(ver, v.i(), v.l()), flags(),
                sized(ver)));
    }

    static Arbitrary<TrackExtendsBox> trex() {
        return rec(v -> new TrackExtendsBox(v.i(), v.i(), v.l(), v.l(), v.l(), v.l(), v.l()),
                anyVersion(), flags(), u32(), u32(), u32(), u32(), u32());
    }

    static Arbitrary<MovieFragmentHeaderBox> mfhd() {
        return rec(v -> new MovieFragmentHeaderBox(v.i(), v.i(), v.l()), anyVersion(), flags(), u32());
    }

    static Arbitrary<TrackFragmentHeaderBox> tfhd() {
        return flags().flatMap(fl -> rec(v -> new TrackFragmentHeaderBox(v.i(), fl, v.l(), v.l(), v.l(), v.l(),
                v.l(), v.l()),
                anyVersion(), u32(),
                present(fl, TrackFragmentHeaderBox.BASE_DATA_OFFSET_PRESENT, u63()),
                present(fl, TrackFragmentHeaderBox.SAMPLE_DESCRIPTION_INDEX_PRESENT, u32()),
                present(fl, TrackFragmentHeaderBox.DEFAULT_SAMPLE_DURATION_PRESENT, u32()),
                present(fl, TrackFragmentHeaderBox.DEFAULT_SAMPLE_SIZE_PRESENT, u32()),
                present(fl, TrackFragmentHeaderBox.DEFAULT_SAMPLE_FLAGS_PRESENT, u32())));
    }

    private static Arbitrary<Long> present(int flags, int bit, Arbitrary<Long> value) {
        return (flags & bit) != 0 ? value : Arbitraries.just(0L);
    }

    static Arbitrary<TrackFragmentDecodeTimeBox> tfdt() {
        return ints(0, 1).flatMap(ver -> rec(v -> new TrackFragmentDecodeTimeBox(ver, v.i(), v.l()), flags(),
                sized(ver)));
    }

    static Arbitrary<TrackRunBox> trun() {
        return Combinators.combine(ints(0, 1), flags(), ints(0, 6)).flatAs((ver, fl, n) -> {
            boolean columns = (fl & 0xF00) != 0;
            Arbitrary<Long> count = columns ? Arbitraries.just((long) n) : u32();
            Arbitrary<LongArray> none = Arbitraries.just(LongArray.EMPTY);
            Arbitrary<Long> cto = ver == 0 ? u32() : longs(Integer.MIN_VALUE, Integer.MAX_VALUE);
            return rec(v -> new TrackRunBox(ver, fl, v.l(), v.i(), v.l(), v.o(), v.o(), v.o(), v.o()),
                    count,
                    (fl & TrackRunBox.DATA_OFFSET_PRESENT) != 0 ? s32() : Arbitraries.just(0),
                    present(fl, TrackRunBox.FIRST_SAMPLE_FLAGS_PRESENT, u32()),
                    (fl & TrackRunBox.DURATION_PRESENT) != 0 ? arrayOfSize(u32(), n) : none,
                    (fl & TrackRunBox.SIZE_PRESENT) != 0 ? arrayOfSize(u32(), n) : none,
                    (fl & TrackRunBox.FLAGS_PRESENT) != 0 ? arrayOfSize(u32(), n) : none,
                    (fl & TrackRunBox.COMPOSITION_OFFSET_PRESENT) != 0 ? arrayOfSize(cto, n) : none);
        });
    }

    static Arbitrary<SegmentIndexBox> sidx() {
        Arbitrary<SegmentIndexBox.Reference> ref = rec(v -> new SegmentIndexBox.Reference(v.b(), v.l(), v.l(),
                v.b(), v.i(), v.l()), Arbitraries.of(true, false), longs(0, 0x7FFF_FFFFL), u32(),
                Arbitraries.of(true, false), ints(0, 7), longs(0, 0x0FFF_FFFFL));
        return ints(0, 1).flatMap(ver -> rec(v -> new SegmentIndexBox(ver, v.i(), v.l(), v.l(), v.l(), v.l(),
                v.i(), v.o()), flags(), u32(), u32(), sized(ver), sized(ver), u16(), ref.list().ofMaxSize(4)));
    }

    static Arbitrary<TrackFragmentRandomAccessBox> tfra() {
        return Combinators.combine(ints(0, 1), ints(1, 4), ints(1, 4), ints(1, 4)).flatAs((ver, a, b, c) -> {
            Arbitrary<TrackFragmentRandomAccessBox.Entry> entry = rec(v -> new TrackFragmentRandomAccessBox.Entry(
                    v.l(), v.l(), v.l(), v.l(), v.l()), sized(ver), sized(ver), width(a), width(b), width(c));
            return rec(v -> new TrackFragmentRandomAccessBox(ver, v.i(), v.l(), a, b, c, v.o()), flags(), u32(),
                    entry.list().ofMaxSize(4));
        });
    }

    private static Arbitrary<Long> width(int bytes) {
        return longs(0, (1L << (8 * bytes)) - 1);
    }

    static Arbitrary<MovieFragmentRandomAccessOffsetBox> mfro() {
        return rec(v -> new MovieFragmentRandomAccessOffsetBox(v.i(), v.i(), v.l()), anyVersion(), flags(), u32());
    }

    /** An unknown box, or a uuid box, kept raw. */
    static Arbitrary<RawBox> raw() {
        Arbitrary<RawBox> plain = Combinators.combine(unknownType(), bytes(0, 40))
                .as((t, p) -> new RawBox(t, null, p));
        Arbitrary<RawBox> uuid = Combinators.combine(bytes(16), bytes(0, 40))
                .as((u, p) -> new RawBox(BoxTypes.UUID, u, p));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(1, uuid));
    }

    /** Raw at top level: the reader keeps free/skip/wide as FreeSpaceBox and mdat as MediaDataBox. */
    static Arbitrary<Box> topLevelRaw() {
        return raw().map(b -> (Box) b);
    }

    static Arbitrary<Box> freeSpace() {
        return Combinators.combine(Arbitraries.of(BoxTypes.FREE, BoxTypes.SKIP, BoxTypes.WIDE), bytes(0, 32))
                .as((t, p) -> (Box) new FreeSpaceBox(t, p));
    }

    /** QuickTime's zero terminator and similar padding: 1 to 7 zero bytes ending a container. */
    static Arbitrary<List<Box>> maybeTrailing() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(List.<Box>of())),
                net.jqwik.api.Tuple.of(1, ints(1, 7).map(n -> List.<Box>of(new TrailingBytes(Bytes.zeros(n))))));
    }

    static Arbitrary<List<Box>> withTrailing(Arbitrary<List<Box>> children) {
        return Combinators.combine(children, maybeTrailing()).as((c, t) -> {
            List<Box> all = new ArrayList<>(c);
            all.addAll(t);
            return all;
        });
    }

    // ---------------------------------------------------------------- containers

    /** A container of any plain type (or a dref) holding random leaves and containers, {@code depth} levels. */
    static Arbitrary<Box> container(int depth) {
        Arbitrary<Box> child = depth <= 1 ? leaf()
                : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, leaf()),
                        net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> container(depth - 1))),
                        net.jqwik.api.Tuple.of(1, canonicalTrack().map(t -> (Box) t)));
        Arbitrary<List<Box>> children = withTrailing(child.list().ofMaxSize(3));
        Arbitrary<Function<List<Box>, Box>> kind = Arbitraries.of(
                MovieBox::new, TrackBox::new, EditBox::new, MediaBox::new, MediaInformationBox::new,
                DataInformationBox::new, SampleTableBox::new, MovieExtendsBox::new, MovieFragmentBox::new,
                TrackFragmentBox::new, MovieFragmentRandomAccessBox::new, UserDataBox::new);
        Arbitrary<Box> plain = Combinators.combine(kind, children).as(Function::apply);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, plain), net.jqwik.api.Tuple.of(1, dref()));
    }

    static Arbitrary<Box> dref() {
        return rec(v -> new DataReferenceBox(v.i(), v.i(), v.o()), anyVersion(), flags(),
                withTrailing(raw().map(b -> (Box) b).list().ofMaxSize(3)));
    }

    /** A moov with an mvhd and canonical tracks. */
    static Arbitrary<Box> canonicalMovie() {
        return Combinators.combine(mvhd(), canonicalTrack().list().ofMinSize(1).ofMaxSize(3), maybeTrailing())
                .as((mvhd, traks, t) -> {
                    List<Box> c = new ArrayList<>();
                    c.add(mvhd);
                    c.addAll(traks);
                    c.addAll(t);
                    return (Box) new MovieBox(c);
                });
    }

    enum Handler { VIDEO, SOUND, OTHER, NONE }

    /**
     * trak / [tkhd] [edts/elst] mdia / (mdhd [hdlr] minf / (xmhd dinf/dref stbl / (stsd leaves...))) [extras]:
     * the stsd's entries match the hdlr (or, without a hdlr, their format codes).
     */
    static Arbitrary<TrackBox> canonicalTrack() {
        // stsd version 0 (QuickTime sound extensions possible) most of the time, 1 (ISO AudioSampleEntryV1), any.
        Arbitrary<Integer> stsdVersion = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(1)), net.jqwik.api.Tuple.of(1, anyVersion()));
        return Arbitraries.of(Handler.values()).flatMap(h -> canonicalTrack(h, stsdVersion));
    }

    /** A canonical track with handler {@code h} and an stsd of the given versions. */
    static Arbitrary<TrackBox> canonicalTrack(Handler h, Arbitrary<Integer> stsdVersion) {
        {
            Arbitrary<List<Box>> hdlrBox = switch (h) {
                case VIDEO -> hdlr(Arbitraries.just(HandlerBox.VIDEO)).map(b -> List.<Box>of(b));
                case SOUND -> hdlr(Arbitraries.just(HandlerBox.SOUND)).map(b -> List.<Box>of(b));
                case OTHER -> hdlr(Arbitraries.of("text", "meta", "sbtl", "hint", "tmcd").map(FourCC::of))
                        .map(b -> List.<Box>of(b));
                case NONE -> Arbitraries.just(List.<Box>of());
            };
            Arbitrary<Box> mediaHeader = switch (h) {
                case VIDEO -> vmhd().map(b -> (Box) b);
                case SOUND -> smhd().map(b -> (Box) b);
                default -> nmhd().map(b -> (Box) b);
            };
            Arbitrary<Box> stsd = stsdVersion.flatMap(sv -> rec(v -> (Box) new SampleDescriptionBox(sv, v.i(),
                    v.o()), flags(), withTrailing(sampleEntry(h, sv).list().ofMaxSize(3))));
            Arbitrary<Box> stbl = Combinators.combine(stsd, leaf().list().ofMaxSize(5))
                    .as((d, rest) -> {
                        List<Box> c = new ArrayList<>();
                        c.add(d);
                        c.addAll(rest);
                        return (Box) new SampleTableBox(c);
                    });
            Arbitrary<Box> dinf = dref().map(d -> (Box) new DataInformationBox(List.of(d)));
            Arbitrary<Box> minf = Combinators.combine(mediaHeader, dinf, stbl)
                    .as((m, d, s) -> (Box) new MediaInformationBox(List.of(m, d, s)));
            Arbitrary<Box> mdia = Combinators.combine(mdhd(), hdlrBox, minf).as((m, hd, mi) -> {
                List<Box> c = new ArrayList<>();
                c.add(m);
                c.addAll(hd);
                c.add(mi);
                return (Box) new MediaBox(c);
            });
            Arbitrary<List<Box>> head = Combinators.combine(tkhd().optional(),
                    elst().map(e -> (Box) new EditBox(List.of(e))).optional())
                    .as((t, e) -> Stream.concat(t.stream(), e.stream()).toList());
            Arbitrary<List<Box>> extras = Arbitraries.oneOf(Arbitraries.just(List.<Box>of()),
                    Arbitraries.lazy(() -> container(1)).list().ofMaxSize(1),
                    raw().map(b -> List.<Box>of(b)));
            return Combinators.combine(head, mdia, extras, maybeTrailing()).as((hd, md, ex, tr) -> {
                List<Box> c = new ArrayList<>(hd);
                c.add(md);
                c.addAll(ex);
                c.addAll(tr);
                return new TrackBox(c);
            });
        }
    }

    /** An entry the reader parses back as the same model under handler {@code h} and stsd version {@code sv}. */
    static Arbitrary<Box> sampleEntry(Handler h, int stsdVersion) {
        Arbitrary<FourCC> anyEntryType = anyFourCC().filter(t -> !t.equals(BoxTypes.UUID));
        return switch (h) {
            case VIDEO -> visualEntry(anyEntryType);
            case SOUND -> audioEntry(anyEntryType, stsdVersion);
            case OTHER -> raw().map(b -> (Box) b);
            case NONE -> Arbitraries.oneOf(
                    visualEntry(Arbitraries.of(VIDEO_FORMATS).map(FourCC::of)),
                    audioEntry(Arbitraries.of(AUDIO_FORMATS).map(FourCC::of), stsdVersion),
                    raw().map(b -> (Box) b));
        };
    }

    static Arbitrary<List<Box>> entryChildren() {
        return withTrailing(raw().map(b -> (Box) b).list().ofMaxSize(3));
    }

    static Arbitrary<Box> visualEntry(Arbitrary<FourCC> type) {
        return rec(v -> (Box) new VisualSampleEntry(v.o(), v.i(), v.i(), v.i(), v.l(), v.l(), v.l(), v.i(), v.i(),
                v.l(), v.l(), v.l(), v.i(), v.o(), v.i(), v.i(), v.o()),
                type, u16(), u16(), u16(), u32(), u32(), u32(), u16(), u16(), u32(), u32(), u32(), u16(), bytes(32),
                u16(), s16(), entryChildren());
    }

    static Arbitrary<Box> audioEntry(Arbitrary<FourCC> type, int stsdVersion) {
        Arbitrary<AudioSampleEntry.QuickTimeSoundV1> v1 = rec(v -> new AudioSampleEntry.QuickTimeSoundV1(v.l(),
                v.l(), v.l(), v.l()), u32(), u32(), u32(), u32());
        Arbitrary<AudioSampleEntry.QuickTimeSoundV2> v2 = rec(v -> new AudioSampleEntry.QuickTimeSoundV2(v.l(),
                v.l(), v.l(), v.l(), v.l(), v.l(), v.l(), v.l()),
                u32(), Arbitraries.longs(), u32(), u32(), u32(), u32(), u32(), u32());
        // Under a version 0 stsd the entry version decides the QuickTime extension; otherwise there is none.
        Arbitrary<Integer> version = stsdVersion == 0
                ? Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(1)), net.jqwik.api.Tuple.of(2, Arbitraries.just(2)),
                        net.jqwik.api.Tuple.of(1, u16()))
                : u16();
        return version.flatMap(ver -> {
            Arbitrary<Object[]> ext;
            if (stsdVersion == 0 && ver == 1) {
                ext = v1.map(x -> new Object[] {x, null});
            } else if (stsdVersion == 0 && ver == 2) {
                ext = v2.map(x -> new Object[] {null, x});
            } else {
                ext = Arbitraries.just(new Object[] {null, null});
            }
            return rec(v -> {
                FourCC t = v.o();
                int dri = v.i();
                int rev = v.i();
                long vendor = v.l();
                int ch = v.i();
                int ss = v.i();
                int cid = v.i();
                int ps = v.i();
                long rate = v.l();
                Object[] e = v.o();
                List<Box> kids = v.o();
                return (Box) new AudioSampleEntry(t, dri, ver, rev, vendor, ch, ss, cid, ps, rate,
                        (AudioSampleEntry.QuickTimeSoundV1) e[0], (AudioSampleEntry.QuickTimeSoundV2) e[1], kids);
            }, type, u16(), u16(), u32(), u16(), u16(), s16(), u16(), u32(), ext, entryChildren());
        });
    }
}
