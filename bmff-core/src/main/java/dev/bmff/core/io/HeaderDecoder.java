package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;

/** Decodes one box header (ISO/IEC 14496-12, 4.2) from bytes, checking it against the space it must fit in. */
final class HeaderDecoder {
    private HeaderDecoder() {
    }

    /**
     * @param b buffer holding the header bytes
     * @param at index of the header in {@code b}
     * @param available bytes available in {@code b} from {@code at} (at least 8)
     * @param offset file offset of the header
     * @param limit file offset the box must end by (its parent's end, or the file's)
     * @param path path of the box, for errors
     * @return the header; {@link BoxHeader#size()} is clipped to {@code limit}, check {@link BoxHeader#truncated()}
     */
    static BoxHeader decode(byte[] b, int at, int available, long offset, long limit, String path)
            throws BmffFormatException {
        long size32 = readU32(b, at);
        FourCC type = new FourCC((int) readU32(b, at + 4));
        int headerSize = 8;
        long size;
        boolean large = false;
        boolean toEnd = false;
        if (size32 == 1) {
            if (available < 16) {
                throw BmffFormatException.malformed(offset, path, "box '" + type
                        + "' has a 64-bit size but its header is cut off");
            }
            size = (readU32(b, at + 8) << 32) | readU32(b, at + 12);
            headerSize = 16;
            large = true;
            if (size < 0) {
                throw BmffFormatException.malformed(offset, path, "box '" + type + "' claims a size of 2^63 or more");
            }
        } else if (size32 == 0) {
            size = limit - offset;
            toEnd = true;
        } else {
            size = size32;
        }
        Bytes userType = null;
        if (type.equals(BoxTypes.UUID)) {
            if (available < headerSize + 16) {
                throw BmffFormatException.malformed(offset, path, "uuid box header is cut off");
            }
            userType = Bytes.of(b, at + headerSize, 16);
            headerSize += 16;
        }
        if (size < headerSize) {
            throw BmffFormatException.malformed(offset, path, "box '" + type + "' has size " + size
                    + ", smaller than its " + headerSize + "-byte header");
        }
        long room = limit - offset;
        long clipped = Math.min(size, room);
        if (clipped < headerSize) {
            throw BmffFormatException.malformed(offset, path, "box '" + type + "' header is cut off");
        }
        return new BoxHeader(offset, clipped, size, headerSize, type, userType, large, toEnd);
    }

    static long readU32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
