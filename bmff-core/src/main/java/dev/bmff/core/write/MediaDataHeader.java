package dev.bmff.core.write;

import dev.bmff.core.io.MdatHeader;
import java.nio.ByteBuffer;

/**
 * The 16 bytes a standard file reserves in front of its media data, as ffmpeg's {@code wide} trick does:
 * while writing, an 8-byte {@code free} box followed by an 8-byte {@code mdat} header; at close, either the
 * same two headers with the final 32-bit mdat size, or one 16-byte {@code mdat} header with a 64-bit
 * largesize when the media data passes 4 GiB. Either way the media data starts at the same offset, so no
 * sample moves when the header changes.
 */
final class MediaDataHeader {
    /** Bytes reserved in front of the media data. */
    static final int RESERVED = 16;

    private MediaDataHeader() {
    }

    /** The placeholder written before any media: {@code free} (8) + an {@code mdat} header of size 8. */
    static ByteBuffer placeholder() {
        return compact(0);
    }

    /** True when {@code payloadBytes} of media data need the 64-bit header. */
    static boolean needsLargeSize(long payloadBytes) {
        return MdatHeader.sizeFor(payloadBytes) == 16;
    }

    /** The final 16 bytes for {@code payloadBytes} of media data following them. */
    static ByteBuffer finalHeader(long payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("media data size must not be negative: " + payloadBytes);
        }
        if (!needsLargeSize(payloadBytes)) {
            return compact(payloadBytes);
        }
        return MdatHeader.of(Math.addExact(payloadBytes, RESERVED), RESERVED);
    }

    private static ByteBuffer compact(long payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(RESERVED);
        b.putInt(8).put(ascii("free")).put(MdatHeader.of(payloadBytes + 8, 8));
        return b.flip();
    }

    private static byte[] ascii(String fourCC) {
        return fourCC.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
