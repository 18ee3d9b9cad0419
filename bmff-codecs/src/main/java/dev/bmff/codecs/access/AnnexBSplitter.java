package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental Annex B splitting: bytes arrive in chunks of any size, and a NAL unit is complete only when
 * the next start code (or the end of the stream) is seen. Only the unfinished unit is buffered, and it is
 * bounded, so a stream without start codes cannot exhaust memory.
 */
final class AnnexBSplitter {
    /** A NAL unit and the stream offset of its first byte. */
    record Unit(byte[] bytes, long offset) {
    }

    private static final int PIECE = 1 << 16;
    private final int maxNalBytes;
    private byte[] buf = new byte[1 << 16];
    private int len;
    /** The stream offset of {@code buf[0]}. */
    private long base;
    /** Start of the unit being collected, or -1 before the first start code. */
    private int nalStart = -1;
    /** Where the start-code search resumes. */
    private int scan;
    private long skippedBytes;

    AnnexBSplitter(int maxNalBytes) {
        this.maxNalBytes = maxNalBytes;
    }

    /** Bytes before the first start code (a stream joined mid-unit): never part of any unit. */
    long skippedBytes() {
        return skippedBytes;
    }

    List<Unit> push(byte[] data, int offset, int length) throws BitstreamException {
        List<Unit> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            // Append in bounded pieces and check the bound after each, so buf never grows much past it.
            int room = Math.min(end - pos, PIECE);
            ensure(len + room);
            System.arraycopy(data, pos, buf, len, room);
            len += room;
            pos += room;
            collect(out);
            if (nalStart >= 0 && len - nalStart > maxNalBytes + 3) {
                throw BitstreamException.atByte(Kind.TOO_LARGE, base + nalStart,
                        "nal_unit: more than " + maxNalBytes + " bytes without a start code");
            }
        }
        return out;
    }

    /** The last unit, at the end of the stream. */
    List<Unit> finish() {
        List<Unit> out = new ArrayList<>();
        if (nalStart >= 0) {
            emit(out, nalStart, len);
        } else {
            skippedBytes += nonZero(0, len);
        }
        base += len;
        len = 0;
        nalStart = -1;
        scan = 0;
        return out;
    }

    private void collect(List<Unit> out) {
        int i = Math.max(scan, 0);
        while (i + 2 < len) {
            if ((buf[i + 2] & 0xFF) > 1) {
                i += 3;
            } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
                if (nalStart >= 0) {
                    emit(out, nalStart, i);
                } else {
                    skippedBytes += nonZero(0, i);
                }
                nalStart = i + 3;
                i += 3;
            } else {
                i++;
            }
        }
        scan = i;
        compact();
    }

    /** leading_zero_8bits are allowed before the first start code; other bytes there are counted as skipped. */
    private int nonZero(int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (buf[k] != 0) {
                n++;
            }
        }
        return n;
    }

    private void emit(List<Unit> out, int from, int to) {
        // A NAL unit never ends in a zero byte: trailing zeros are trailing_zero_8bits or a 4-byte start code.
        while (to > from && buf[to - 1] == 0) {
            to--;
        }
        if (to > from) {
            out.add(new Unit(Arrays.copyOfRange(buf, from, to), base + from));
        }
    }

    private void compact() {
        int keep = nalStart >= 0 ? nalStart : Math.max(0, scan - 2);
        if (nalStart < 0) {
            skippedBytes += nonZero(0, keep);
        }
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, len - keep);
            len -= keep;
            base += keep;
            scan -= keep;
            if (nalStart >= 0) {
                nalStart = 0;
            }
        }
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L)));
        }
    }
}
