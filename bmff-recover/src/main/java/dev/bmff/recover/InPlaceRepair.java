package dev.bmff.recover;

import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The in-place repair of a file whose moov was never written: the new moov is appended to the broken file and its
 * mdat header is rewritten to cover everything from the header to the old end of the file (trailing bytes no
 * sample uses stay inside the mdat, unindexed). No media byte moves, so the sample offsets are the broken file's
 * own, and a file of any size is repaired in the time it takes to write the moov.
 *
 * <p>Before the file is touched, an undo file {@code NAME.bmff-undo} beside it records the original length and the
 * bytes about to be overwritten, and is forced to disk; {@link Recovery#undo(Path)} restores the file exactly.
 * Undo file format (big-endian):
 * <pre>
 * 8 bytes  "bmffundo"
 * u32      version (1)
 * u64      original length of the file
 * u32      number of ranges
 * per range: u64 offset, u32 length, the original bytes
 * u32      CRC-32 of everything before it
 * </pre>
 */
final class InPlaceRepair {
    static final String UNDO_SUFFIX = ".bmff-undo";
    private static final byte[] MAGIC = "bmffundo".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private InPlaceRepair() {
    }

    static Path undoFile(Path broken) {
        return broken.resolveSibling(broken.getFileName() + UNDO_SUFFIX);
    }

    /**
     * Where and how big the new mdat header of a file whose mdat header is at {@code layout.header()} is when the
     * mdat runs to {@code fileEnd}: {offset, size}, or null when it does not fit (a 64-bit size needed, no room).
     */
    static long[] header(MediaLayout layout, long fileEnd) {
        if (layout.header() < 0) {
            return null;
        }
        long oldSize = layout.start() - layout.header();
        if (oldSize == 16 || fileEnd - layout.header() <= 0xFFFF_FFFFL) {
            return new long[] {layout.header(), oldSize};
        }
        if (layout.spareBefore() >= 0 && layout.spareBefore() + 8 == layout.header()) {
            return new long[] {layout.spareBefore(), 16};
        }
        return null;
    }

    /** Appends {@code moov} to {@code broken} and writes the mdat header {@code header} ({offset, size}). */
    static void apply(Path broken, long[] header, MovieBox moov) throws IOException {
        Path undo = undoFile(broken);
        if (Files.exists(undo)) {
            throw new RepairException(undo + " exists: the file was already repaired in place (run undo first, or"
                    + " delete the undo file if the repair is to stay)");
        }
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long length = ch.size();
            int n = (int) header[1];
            writeUndo(undo, length, header[0], PositionalReads.readFully(ch, header[0], n));

            ch.position(length);
            BoxWriter.write(moov, ch, null);
            ch.force(true);
            long mdatSize = length - header[0];
            PositionalWrites.writeFully(ch, header[0], MdatHeader.of(mdatSize, n));
            ch.force(true);
        }
    }


    private static void writeUndo(Path undo, long length, long offset, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 8 + 4 + 8 + 4 + bytes.length + 4);
        b.put(MAGIC).putInt(VERSION).putLong(length).putInt(1).putLong(offset).putInt(bytes.length).put(bytes);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        try (FileChannel ch = FileChannel.open(undo, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PositionalWrites.writeFully(ch, b);
            ch.force(true);
        }
    }

    /** Restores {@code broken} from its undo file and deletes the undo file. */
    static void undo(Path broken) throws IOException {
        Path undo = undoFile(broken);
        if (!Files.exists(undo)) {
            throw new RepairException("no undo file " + undo + ": nothing to undo");
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(undo));
        if (b.remaining() < 8 + 4 + 8 + 4 + 4) {
            throw new RepairException(undo + " is too short to be an undo file");
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.limit() - 4);
        if ((int) crc.getValue() != b.getInt(b.limit() - 4)) {
            throw new RepairException(undo + " is damaged (CRC mismatch): the file was not changed");
        }
        byte[] magic = new byte[8];
        b.get(magic);
        int version = b.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || version != VERSION) {
            throw new RepairException(undo + " is not a version " + VERSION + " bmff undo file");
        }
        long length = b.getLong();
        int ranges = b.getInt();
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < length) {
                throw new RepairException(broken + " is shorter (" + ch.size() + " bytes) than before the in-place"
                        + " repair (" + length + "): it was changed since, not undone");
            }
            for (int i = 0; i < ranges; i++) {
                long offset = b.getLong();
                byte[] bytes = new byte[b.getInt()];
                b.get(bytes);
                PositionalWrites.writeFully(ch, offset, ByteBuffer.wrap(bytes));
            }
            ch.truncate(length);
            ch.force(true);
        }
        Files.delete(undo);
    }
}
