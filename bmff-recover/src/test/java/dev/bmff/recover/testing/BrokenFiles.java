package dev.bmff.recover.testing;

import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes broken recordings from complete ones, the way crashes leave them. */
public final class BrokenFiles {
    private BrokenFiles() {
    }

    /** Where the top-level mdat of a complete file is: header offset, payload start and end. */
    public record Mdat(long header, long start, long end) {
    }

    public static Mdat mdat(Path file) throws IOException {
        long[] box = topLevel(file, "mdat");
        if (box == null) {
            throw new IOException("no mdat in " + file);
        }
        return new Mdat(box[0], box[0] + box[1], box[0] + box[2]);
    }

    /**
     * The file as a recorder that never wrote its moov leaves it: everything up to {@code cut} (an absolute offset
     * inside or at the end of the mdat), with the mdat size field set to 0.
     */
    public static Path withoutMoov(Path complete, long cut, Path out) throws IOException {
        Mdat m = mdat(complete);
        if (cut < m.start() || cut > m.end()) {
            throw new IllegalArgumentException("cut " + cut + " outside the mdat " + m);
        }
        byte[] all = Files.readAllBytes(complete);
        byte[] broken = java.util.Arrays.copyOf(all, (int) cut);
        if (m.start() - m.header() == 8) {
            broken[(int) m.header()] = 0;
            broken[(int) m.header() + 1] = 0;
            broken[(int) m.header() + 2] = 0;
            broken[(int) m.header() + 3] = 0;
        }
        Files.write(out, broken);
        return out;
    }

    /**
     * The file as a crash leaves it whatever its layout, cut at {@code fraction} of its media data: a moov after the
     * mdat is gone (as {@link #withoutMoov}); a moov in front of the mdat (space a phone's muxer reserved and fills
     * on stop) becomes a {@code free} box of the same size. The mdat size field is 0 when the cut is inside it.
     *
     * @return the absolute offset where the broken file ends
     */
    public static long lostMoov(Path complete, double fraction, Path out) throws IOException {
        Mdat m = mdat(complete);
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        long moov = box(complete, "moov");
        if (moov > m.header()) {
            withoutMoov(complete, cut, out);
            return cut;
        }
        byte[] all = Files.readAllBytes(complete);
        byte[] broken = java.util.Arrays.copyOf(all, (int) cut);
        System.arraycopy("free".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, broken, (int) moov + 4, 4);
        if (cut < m.end() && m.start() - m.header() == 8) {
            java.util.Arrays.fill(broken, (int) m.header(), (int) m.header() + 4, (byte) 0);
        }
        Files.write(out, broken);
        return cut;
    }

    /** The offset of the first top-level box of {@code type}, or -1. */
    public static long box(Path file, String type) throws IOException {
        long[] box = topLevel(file, type);
        return box == null ? -1 : box[0];
    }

    /** Offset, header size and size of the first top-level box of {@code type}, or null. */
    private static long[] topLevel(Path file, String type) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long pos = 0;
            ByteBuffer h = ByteBuffer.allocate(16);
            while (pos + 8 <= ch.size()) {
                h.clear();
                PositionalReads.readUpTo(ch, pos, h);
                long size = h.getInt(0) & 0xFFFF_FFFFL;
                int header = 8;
                if (size == 1) {
                    size = h.getLong(8);
                    header = 16;
                } else if (size == 0) {
                    size = ch.size() - pos;
                }
                if (new String(h.array(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(type)) {
                    return new long[] {pos, header, size};
                }
                if (size < header) {
                    return null;
                }
                pos += size;
            }
        }
        return null;
    }

    /** The mdat payload only, from byte 0, no box header at all (media carved from a disk). */
    public static Path rawMedia(Path complete, Path out) throws IOException {
        Mdat m = mdat(complete);
        try (FileChannel in = FileChannel.open(complete);
                FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(m.start(), m.end() - m.start(), o);
        }
        return out;
    }

    /** {@code broken} with {@code garbage} inserted at absolute offset {@code at}. */
    public static Path splice(Path broken, long at, byte[] garbage, Path out) throws IOException {
        byte[] all = Files.readAllBytes(broken);
        byte[] b = new byte[all.length + garbage.length];
        System.arraycopy(all, 0, b, 0, (int) at);
        System.arraycopy(garbage, 0, b, (int) at, garbage.length);
        System.arraycopy(all, (int) at, b, (int) at + garbage.length, all.length - (int) at);
        Files.write(out, b);
        return out;
    }
}
