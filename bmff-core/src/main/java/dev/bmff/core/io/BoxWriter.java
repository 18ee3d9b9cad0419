package dev.bmff.core.io;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.ContainerBox;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.Payload;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.TrailingBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Serializes box models. Boxes held in memory are encoded with sizes patched in place; payloads that
 * are {@link FileRange}s (media data read from a file) are copied from the source channel in bounded
 * chunks, never loaded whole.
 *
 * <pre>{@code
 * byte[] moovBytes = BoxWriter.toBytes(moov);
 * try (FileChannel in = FileChannel.open(src); FileChannel out = FileChannel.open(dst, CREATE_NEW, WRITE)) {
 *     BoxWriter.write(BoxReader.read(in, ReadOptions.strict()).boxes(), out, in);
 * }
 * }</pre>
 */
public final class BoxWriter {
    private static final int COPY_CHUNK = 1 << 20;
    private static final long MAX_COMPACT = 0xFFFF_FFFFL;

    private BoxWriter() {
    }

    /** The bytes of {@code box}, which must hold no {@link FileRange}. */
    public static byte[] toBytes(Box box) {
        PayloadWriter out = new PayloadWriter();
        encode(box, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code box} to {@code out}; the box must hold no {@link FileRange}. */
    public static void encode(Box box, PayloadWriter out) {
        if (box instanceof TrailingBytes t) {
            out.bytes(t.bytes());
            return;
        }
        Payload payload = payloadOf(box);
        if (payload != null) {
            if (!(payload instanceof Bytes b)) {
                throw new IllegalArgumentException("box '" + box.type()
                        + "' refers to a range of its source file; write it with a source channel");
            }
            boolean large = needsLargeHeader(box, b.length());
            int mark = out.beginBox(box.type(), userType(box), large);
            out.bytes(b);
            out.endBox(mark);
            return;
        }
        int mark = out.beginBox(box.type(), null, false);
        if (box instanceof ContainerBox c) {
            Codecs.containerWriter(c).writePrefix(c, out);
            for (Box child : c.children()) {
                encode(child, out);
            }
        } else {
            LeafCodec<Box> codec = Codecs.leafWriter(box);
            if (codec == null) {
                throw new IllegalArgumentException("no writer for " + box.getClass().getSimpleName());
            }
            codec.write(box, out);
        }
        out.endBox(mark);
    }

    /** Total encoded size of {@code box}, including payloads on disk. */
    public static long sizeOf(Box box) {
        Payload p = payloadOf(box);
        if (p instanceof FileRange r) {
            return headerSize(box, r.length()) + r.length();
        }
        return toBytes(box).length;
    }

    /**
     * Writes {@code boxes} to {@code out} in order, copying file-range payloads from {@code source}
     * (may be {@code null} when no box refers to a file).
     */
    public static void write(List<? extends Box> boxes, WritableByteChannel out, SeekableByteChannel source)
            throws IOException {
        for (Box box : boxes) {
            write(box, out, source);
        }
    }

    /** Writes one box; see {@link #write(List, WritableByteChannel, SeekableByteChannel)}. */
    public static void write(Box box, WritableByteChannel out, SeekableByteChannel source) throws IOException {
        Payload p = payloadOf(box);
        if (!(p instanceof FileRange r)) {
            PositionalWrites.writeFully(out, ByteBuffer.wrap(toBytes(box)));
            return;
        }
        if (source == null) {
            throw new IllegalArgumentException("box '" + box.type() + "' needs the source file to be copied");
        }
        PayloadWriter header = new PayloadWriter(32);
        long total = headerSize(box, r.length()) + r.length();
        if (needsLargeHeader(box, r.length())) {
            header.u32(1).fourCC(box.type()).u64(total);
        } else {
            header.u32(total).fourCC(box.type());
        }
        Bytes ut = userType(box);
        if (ut != null) {
            header.bytes(ut);
        }
        PositionalWrites.writeFully(out, header.view());
        copy(source, r, out);
    }

    private static boolean needsLargeHeader(Box box, long payloadLength) {
        int uuid = userType(box) != null ? 16 : 0;
        return box instanceof MediaDataBox m && m.largeHeader() || payloadLength + 8 + uuid > MAX_COMPACT;
    }

    private static int headerSize(Box box, long payloadLength) {
        return (needsLargeHeader(box, payloadLength) ? 16 : 8) + (userType(box) != null ? 16 : 0);
    }

    private static Payload payloadOf(Box box) {
        if (box instanceof MediaDataBox m) {
            return m.content();
        }
        if (box instanceof FreeSpaceBox f) {
            return f.content();
        }
        if (box instanceof RawBox r) {
            return r.payload();
        }
        return null;
    }

    private static Bytes userType(Box box) {
        return box instanceof RawBox r ? r.userType() : null;
    }

    private static void copy(SeekableByteChannel source, FileRange range, WritableByteChannel out) throws IOException {
        if (source instanceof FileChannel fc) {
            long done = 0;
            while (done < range.length()) {
                long n = fc.transferTo(range.offset() + done, range.length() - done, out);
                if (n <= 0) {
                    if (range.offset() + done >= fc.size()) {
                        throw new IOException("source ends at " + fc.size() + ", before the end of the range "
                                + range);
                    }
                    break;
                }
                done += n;
            }
            if (done == range.length()) {
                return;
            }
            range = new FileRange(range.offset() + done, range.length() - done);
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(COPY_CHUNK, Math.max(1, range.length())));
        long done = 0;
        while (done < range.length()) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), range.length() - done));
            source.position(range.offset() + done);
            int n = source.read(chunk);
            if (n < 0) {
                throw new IOException("source ends before the end of the range " + range);
            }
            chunk.flip();
            PositionalWrites.writeFully(out, chunk);
            done += n;
        }
    }
}
