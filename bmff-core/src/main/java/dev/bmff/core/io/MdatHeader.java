package dev.bmff.core.io;

import java.nio.ByteBuffer;

/**
 * The header of an {@code mdat} box whose payload is written separately (streamed media, media copied from another
 * file, a header rewritten in place): 8 bytes with a 32-bit size, or 16 with {@code size = 1} and a 64-bit
 * largesize. The one place this header is encoded; {@link BoxWriter} writes whole boxes.
 *
 * <pre>{@code
 * channel.write(MdatHeader.forPayload(mediaBytes));          // 8 or 16 bytes, then the media
 * ByteBuffer h = MdatHeader.of(boxSize, 16);                 // a 64-bit header where 16 bytes are reserved
 * }</pre>
 */
public final class MdatHeader {
    /** The largest box size an 8-byte header holds. */
    public static final long MAX_COMPACT_SIZE = 0xFFFF_FFFFL;
    private static final byte[] TYPE = {'m', 'd', 'a', 't'};

    private MdatHeader() {
    }

    /** The header size for {@code payloadBytes} of media: 16 only when the box would not fit a 32-bit size. */
    public static int sizeFor(long payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("media data size must not be negative: " + payloadBytes);
        }
        return payloadBytes + 8 > MAX_COMPACT_SIZE ? 16 : 8;
    }

    /** The smallest header for {@code payloadBytes} of media that follow it. */
    public static ByteBuffer forPayload(long payloadBytes) {
        int header = sizeFor(payloadBytes);
        return of(Math.addExact(payloadBytes, header), header);
    }

    /** The smallest header for an mdat box of {@code boxSize} bytes, header included. */
    public static ByteBuffer forBoxSize(long boxSize) {
        return of(boxSize, boxSize > MAX_COMPACT_SIZE ? 16 : 8);
    }

    /**
     * The header of an mdat box of {@code boxSize} bytes (header included) in {@code headerSize} bytes: 8, or 16
     * with a largesize (which may also hold a small size, where 16 bytes are reserved).
     *
     * @throws IllegalArgumentException when the size does not fit the header or the header size is neither
     */
    public static ByteBuffer of(long boxSize, int headerSize) {
        if (boxSize < headerSize) {
            throw new IllegalArgumentException("an mdat box of " + boxSize + " bytes cannot hold its "
                    + headerSize + "-byte header");
        }
        ByteBuffer b = ByteBuffer.allocate(headerSize);
        if (headerSize == 8) {
            if (boxSize > MAX_COMPACT_SIZE) {
                throw new IllegalArgumentException("an mdat box of " + boxSize + " bytes needs a 16-byte header");
            }
            b.putInt((int) boxSize).put(TYPE);
        } else if (headerSize == 16) {
            b.putInt(1).put(TYPE).putLong(boxSize);
        } else {
            throw new IllegalArgumentException("an mdat header has 8 or 16 bytes, not " + headerSize);
        }
        return b.flip();
    }
}
