package dev.bmff.core.io;

import static dev.bmff.core.testing.BoxBytes.box;
import static dev.bmff.core.testing.BoxBytes.boxWithSize;
import static dev.bmff.core.testing.BoxBytes.concat;
import static dev.bmff.core.testing.BoxBytes.counting;
import static dev.bmff.core.testing.BoxBytes.ftyp;
import static dev.bmff.core.testing.BoxBytes.fullBox;
import static dev.bmff.core.testing.BoxBytes.largeBox;
import static dev.bmff.core.testing.BoxBytes.u32;
import static dev.bmff.core.testing.BoxBytes.uuidBox;
import static dev.bmff.core.testing.BoxBytes.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.TrailingBytes;
import dev.bmff.core.box.UserDataBox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on hand-built files: header forms, malformed sizes, limits, and exact round trips. */
class BoxReaderTest {
    private static final byte[] USER_TYPE = {
        (byte) 0xA5, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E, 0x6F, 0x70, (byte) 0x81, (byte) 0x92, (byte) 0xA3, (byte) 0xB4,
        (byte) 0xC5, (byte) 0xD6, (byte) 0xE7, (byte) 0xF8};

    @TempDir
    Path tmp;

    private int files;

    private Path file(byte[] bytes) throws IOException {
        Path p = tmp.resolve("f" + files++ + ".mp4");
        Files.write(p, bytes);
        return p;
    }

    private ReadResult read(byte[] bytes, ReadOptions options) throws IOException {
        return BoxReader.read(file(bytes), options);
    }

    /** Reads {@code bytes} with {@code options} and writes the boxes back. */
    private byte[] rewrite(byte[] bytes, ReadOptions options) throws IOException {
        Path p = file(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
            ReadResult r = BoxReader.read(in, options);
            BoxWriter.write(r.boxes(), Channels.newChannel(out), in);
        }
        return out.toByteArray();
    }

    private static String problems(ReadResult r) {
        return String.join("\n", r.problems().stream().map(Object::toString).toList());
    }

    // ---------------------------------------------------------------- header forms

    @Test
    void read_mdatWithLargesizeHeader_keepsItAndRoundTrips() throws Exception {
        byte[] bytes = concat(ftyp(), largeBox("mdat", counting(40)));
        ReadResult r = read(bytes, ReadOptions.strict());
        BoxNode mdat = r.nodes().get(1);
        assertTrue(mdat.header().largeSize());
        assertEquals(16, mdat.header().headerSize());
        assertEquals(56, mdat.header().size());
        MediaDataBox box = assertInstanceOf(MediaDataBox.class, mdat.box());
        assertTrue(box.largeHeader());
        assertEquals(new FileRange(20 + 16, 40), box.content());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.strict()));
    }

    @Test
    void read_largesizeHeaderOnOtherBoxes_readsPayloadButWritesCompactHeader() throws Exception {
        // Only mdat remembers a 16-byte header (MediaDataBox.largeHeader, because muxers reserve it to grow
        // past 4 GiB). Other models carry no header form, so the writer gives them the shortest header: the
        // rewrite is the same boxes with 8 bytes less, not the same bytes. This documents that limit.
        byte[] bytes = concat(ftyp(), largeBox("free", counting(10)), largeBox("udta", box("abcd", counting(3))));
        ReadResult r = read(bytes, ReadOptions.strict());
        assertTrue(r.isClean());
        assertTrue(r.nodes().get(1).header().largeSize());
        FreeSpaceBox free = assertInstanceOf(FreeSpaceBox.class, r.nodes().get(1).box());
        assertEquals(Bytes.of(counting(10)), free.content());
        BoxNode udta = r.nodes().get(2);
        assertTrue(udta.header().largeSize());
        assertEquals("udta/abcd", udta.children().get(0).path());
        assertEquals(20 + 26 + 16, udta.children().get(0).header().offset());
        byte[] compact = concat(ftyp(), box("free", counting(10)), box("udta", box("abcd", counting(3))));
        assertArrayEquals(compact, rewrite(bytes, ReadOptions.strict()));
    }

    @Test
    void read_topLevelSizeZero_extendsToEndOfFile() throws Exception {
        byte[] bytes = concat(ftyp(), boxWithSize(0, "mdat", counting(33)));
        ReadResult r = read(bytes, ReadOptions.strict());
        assertTrue(r.isClean(), problems(r));
        assertEquals(2, r.nodes().size());
        BoxHeader h = r.nodes().get(1).header();
        assertTrue(h.toEnd());
        assertEquals(8 + 33, h.size());
        assertEquals(bytes.length, h.end());
        assertEquals(new FileRange(28, 33), ((MediaDataBox) r.nodes().get(1).box()).content());
        // The model does not remember "size 0": the writer states the real size, which is the same box.
        byte[] explicit = concat(ftyp(), box("mdat", counting(33)));
        assertArrayEquals(explicit, rewrite(bytes, ReadOptions.strict()));
    }

    @Test
    void read_uuidBox_keepsUserTypeAndRoundTrips() throws Exception {
        byte[] bytes = concat(ftyp(), uuidBox(USER_TYPE, counting(12)),
                box("udta", uuidBox(USER_TYPE, counting(5))));
        ReadResult r = read(bytes, ReadOptions.strict());
        assertTrue(r.isClean());
        RawBox top = assertInstanceOf(RawBox.class, r.nodes().get(1).box());
        assertEquals(FourCC.of("uuid"), top.type());
        assertEquals(Bytes.of(USER_TYPE), top.userType());
        assertEquals(Bytes.of(counting(12)), top.payload());
        assertEquals(24, r.nodes().get(1).header().headerSize());
        RawBox inner = assertInstanceOf(RawBox.class,
                ((UserDataBox) r.nodes().get(2).box()).children().get(0));
        assertEquals(Bytes.of(USER_TYPE), inner.userType());
        assertEquals(Bytes.of(counting(5)), inner.payload());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.strict()));
    }

    // ---------------------------------------------------------------- sizes that do not fit

    @Test
    void read_strictBoxLargerThanFile_throwsWithOffsetAndPath() throws Exception {
        byte[] bytes = concat(ftyp(), boxWithSize(1000, "free", counting(20)));
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(BmffFormatException.Kind.MALFORMED, e.kind());
        assertEquals(20, e.offset());
        assertEquals("free", e.boxPath());
        assertTrue(e.getMessage().contains("free at offset 20"), e.getMessage());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void read_lenientBoxLargerThanFile_reportsOffsetAndClipsBox() throws Exception {
        byte[] bytes = concat(ftyp(), boxWithSize(1000, "free", counting(20)));
        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.problems().size(), problems(r));
        ReadProblem p = r.problems().get(0);
        assertEquals(20, p.offset());
        assertEquals("free", p.boxPath());
        BoxHeader h = r.nodes().get(1).header();
        assertEquals(1000, h.declaredSize());
        assertEquals(28, h.size());
        assertTrue(h.truncated());
        assertEquals(Bytes.of(counting(20)), ((FreeSpaceBox) r.nodes().get(1).box()).content());
    }

    @Test
    void read_childEndingPastItsParent_strictThrowsAndLenientClips() throws Exception {
        // moov(36) > trak[0] > mdia > zzzz claiming 100 bytes where 12 are left.
        byte[] zzzz = boxWithSize(100, "zzzz", counting(4));
        byte[] bytes = concat(ftyp(), box("moov", box("trak", box("mdia", zzzz))));
        long zzzzOffset = 20 + 8 + 8 + 8;
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals("moov/trak[0]/mdia/zzzz", e.boxPath());
        assertEquals(zzzzOffset, e.offset());
        assertTrue(e.getMessage().startsWith("moov/trak[0]/mdia/zzzz at offset " + zzzzOffset), e.getMessage());

        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.problems().size(), problems(r));
        assertEquals(zzzzOffset, r.problems().get(0).offset());
        assertEquals("moov/trak[0]/mdia/zzzz", r.problems().get(0).boxPath());
        BoxNode node = r.nodes().get(1).children().get(0).children().get(0).children().get(0);
        assertEquals(12, node.header().size());
        assertEquals(100, node.header().declaredSize());
        assertEquals(Bytes.of(counting(4)), ((RawBox) node.box()).payload());
    }

    @Test
    void read_topLevelSizeFieldOfThree_isMalformed() throws Exception {
        byte[] bytes = concat(ftyp(), boxWithSize(3, "free", counting(8)));
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(BmffFormatException.Kind.MALFORMED, e.kind());
        assertEquals(20, e.offset());
        assertTrue(e.getMessage().contains("size 3"), e.getMessage());

        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.nodes().size());
        assertEquals(1, r.problems().size(), problems(r));
        assertEquals(20, r.problems().get(0).offset());
    }

    @Test
    void read_childSizeFieldOfThree_strictThrowsAndLenientKeepsBytes() throws Exception {
        byte[] bad = boxWithSize(3, "abcd", counting(4));
        byte[] bytes = concat(ftyp(), box("udta", box("ok  ", counting(2)), bad));
        long badOffset = 20 + 8 + 10;
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(badOffset, e.offset());
        assertEquals("udta", e.boxPath());
        assertTrue(e.getMessage().contains("size 3"), e.getMessage());

        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.problems().size(), problems(r));
        assertEquals(badOffset, r.problems().get(0).offset());
        List<Box> children = ((UserDataBox) r.nodes().get(1).box()).children();
        assertEquals(Bytes.of(bad), assertInstanceOf(TrailingBytes.class, children.get(1)).bytes());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.lenient()));
    }

    @Test
    void read_stszCountLargerThanItsBytes_throwsWithoutAllocating() throws Exception {
        // sample_count 0xFFFFFFFF with 2 entries present: the count must be checked against the 8 bytes
        // left before any array is made (an array of 2^32 longs would be an OutOfMemoryError, not this).
        byte[] stsz = fullBox("stsz", 0, 0, u32(0, 0xFFFF_FFFFL, 100, 200));
        byte[] bytes = concat(ftyp(),
                box("moov", box("trak", box("mdia", box("minf", box("stbl", stsz))))));
        String path = "moov/trak[0]/mdia/minf/stbl/stsz";
        long stszOffset = 20 + 8 * 5;
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(BmffFormatException.Kind.MALFORMED, e.kind());
        assertEquals(path, e.boxPath());
        assertEquals(stszOffset + 8 + 4 + 8, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());

        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.problems().size(), problems(r));
        assertEquals(path, r.problems().get(0).boxPath());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.lenient()));
    }

    // ---------------------------------------------------------------- limits

    /** {@code depth} nested udta boxes around a 3-byte leaf. */
    private static byte[] nestedUdta(int depth) {
        byte[] b = box("abcd", counting(3));
        for (int i = 0; i < depth; i++) {
            b = box("udta", b);
        }
        return b;
    }

    @Test
    void read_strictNestingDeeperThanLimit_throwsLimitExceeded() throws Exception {
        int limit = ReadOptions.strict().maxDepth();
        byte[] bytes = concat(ftyp(), nestedUdta(limit + 3));
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(BmffFormatException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals(20 + 8L * limit, e.offset());
        assertEquals("udta" + "/udta".repeat(limit), e.boxPath());
        // At the limit itself it is fine.
        assertTrue(read(concat(ftyp(), nestedUdta(limit)), ReadOptions.strict()).isClean());
    }

    @Test
    void read_lenientNestingDeeperThanLimit_keepsDeepBoxRawAndRoundTrips() throws Exception {
        int limit = 4;
        ReadOptions options = ReadOptions.lenient().withMaxDepth(limit);
        byte[] bytes = concat(ftyp(), nestedUdta(limit + 3));
        ReadResult r = read(bytes, options);
        assertEquals(1, r.problems().size(), problems(r));
        assertEquals(20 + 8L * limit, r.problems().get(0).offset());
        BoxNode n = r.nodes().get(1);
        for (int i = 0; i < limit; i++) {
            n = n.children().get(0);
        }
        assertInstanceOf(RawBox.class, n.box());
        assertEquals("udta" + "/udta".repeat(limit), n.path());
        assertArrayEquals(bytes, rewrite(bytes, options));
    }

    // ---------------------------------------------------------------- trailing bytes

    @Test
    void read_quickTimeZeroTerminatorInContainer_isKeptAndRoundTrips() throws Exception {
        // QuickTime ends some child lists (udta in particular) with a 32-bit zero.
        byte[] bytes = concat(ftyp(), box("moov", box("udta", box("abcd", counting(6)), zeros(4))),
                box("free", zeros(3)));
        ReadResult r = read(bytes, ReadOptions.strict());
        assertTrue(r.isClean(), problems(r));
        BoxNode udta = r.nodes().get(1).children().get(0);
        assertEquals(2, udta.children().size());
        TrailingBytes t = assertInstanceOf(TrailingBytes.class, udta.children().get(1).box());
        assertEquals(Bytes.of(zeros(4)), t.bytes());
        assertEquals(20 + 8 + 8 + 14, udta.children().get(1).header().offset());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.strict()));
    }

    @Test
    void read_nonZeroTrailingBytesInContainer_strictThrowsLenientKeeps() throws Exception {
        byte[] bytes = concat(ftyp(), box("udta", box("abcd", counting(6)), counting(5)));
        BmffFormatException e = assertThrows(BmffFormatException.class, () -> read(bytes, ReadOptions.strict()));
        assertEquals(20 + 8 + 14, e.offset());
        ReadResult r = read(bytes, ReadOptions.lenient());
        assertEquals(1, r.problems().size(), problems(r));
        assertFalse(r.isClean());
        assertArrayEquals(bytes, rewrite(bytes, ReadOptions.lenient()));
        assertEquals(FourCC.of("udta"), r.nodes().get(1).box().type());
    }
}
