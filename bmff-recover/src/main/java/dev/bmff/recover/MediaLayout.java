package dev.bmff.recover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Set;

/**
 * Where the media data of a broken file is. Walks the top-level box headers (ftyp, free, wide, ...) up to the mdat;
 * the mdat's size field is not trusted when it is 0, 1 with a largesize that does not fit, 8, or runs past the end
 * of the file: then the media runs to the end of the file. A file that does not start with a box header is raw
 * media data from byte 0 (carved from a disk).
 *
 * @param start first byte of media data
 * @param end end of media data (exclusive)
 * @param note how the range was found, for the report
 * @param header where the mdat header is (-1 without one)
 * @param spareBefore where an 8-byte free, wide or skip box right before the mdat header is (-1 without one): an
 *     in-place repair can grow an 8-byte mdat header into a 16-byte one there
 */
record MediaLayout(long start, long end, String note, long header, long spareBefore) {
    MediaLayout(long start, long end, String note) {
        this(start, end, note, -1, -1);
    }

    private static final Set<String> SKIPPABLE = Set.of("ftyp", "free", "wide", "skip", "uuid", "pnot", "PICT",
            "styp", "moov", "meta", "udta", "junk", "pdin");

    static MediaLayout find(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        ByteBuffer h = ByteBuffer.allocate(16);
        long spare = -1;
        while (pos + 8 <= size) {
            h.clear();
            ch.read(h, pos);
            long boxSize = h.getInt(0) & 0xFFFF_FFFFL;
            String type = new String(h.array(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int headerSize = 8;
            if (boxSize == 1 && pos + 16 <= size) {
                boxSize = h.getLong(8);
                headerSize = 16;
            }
            if (type.equals("mdat")) {
                long dataStart = pos + headerSize;
                boolean fits = boxSize > headerSize && pos + boxSize <= size;
                if (fits && pos + boxSize < size) {
                    return new MediaLayout(dataStart, pos + boxSize, "mdat at " + pos + " with a valid size", pos,
                            spare);
                }
                return new MediaLayout(dataStart, size, fits ? "mdat at " + pos
                        : "mdat at " + pos + " with size field " + boxSize + " (not trusted): media runs to the end",
                        pos, spare);
            }
            if (!SKIPPABLE.contains(type) || boxSize < 8 || pos + boxSize > size) {
                break;
            }
            spare = boxSize == 8 && (type.equals("free") || type.equals("wide") || type.equals("skip")) ? pos : -1;
            pos += boxSize;
        }
        if (pos == 0) {
            return new MediaLayout(0, size, "no box header: raw media data from byte 0");
        }
        return new MediaLayout(pos, size, "no mdat header after the boxes ending at " + pos
                + ": media data assumed from there");
    }
}
