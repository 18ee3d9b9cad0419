package dev.bmff.recover;

import dev.bmff.recover.match.Match;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The samples found for one track, in file order, in primitive arrays: memory grows with the number of samples
 * only (12 bytes each, 24 with a picture order count), never with the media.
 */
final class RecoveredTrack {
    private long[] offsets = new long[256];
    /** Unsigned: a sample table holds 32-bit sizes. */
    private int[] lengths = new int[256];
    /** Null until a sample has a non-zero picture order count or epoch: audio tracks never need them. */
    private long[] pocs;
    private int[] epochs;
    private final BitSet sync = new BitSet();
    private final BitSet chunkStarts = new BitSet();
    private int count;
    private long bytes;
    private long frames;

    void add(long offset, Match m, boolean chunkStart) {
        if (m.length() < 0 || m.length() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a sample of " + m.length() + " bytes at " + offset
                    + ": a sample table holds 32-bit sizes");
        }
        if (count == offsets.length) {
            int n = count * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            if (pocs != null) {
                pocs = Arrays.copyOf(pocs, n);
                epochs = Arrays.copyOf(epochs, n);
            }
        }
        if (pocs == null && (m.poc() != 0 || m.epoch() != 0)) {
            pocs = new long[offsets.length];
            epochs = new int[offsets.length];
        }
        offsets[count] = offset;
        lengths[count] = (int) m.length();
        if (pocs != null) {
            pocs[count] = m.poc();
            epochs[count] = m.epoch();
        }
        sync.set(count, m.sync());
        chunkStarts.set(count, chunkStart);
        count++;
        bytes += m.length();
        frames += m.frames();
    }

    /** Matches found (PCM: chunks). */
    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Samples in the sense of the sample table: one per match, one per PCM frame for PCM. */
    long frames() {
        return frames;
    }

    long offset(int i) {
        return offsets[i];
    }

    long length(int i) {
        return Integer.toUnsignedLong(lengths[i]);
    }

    long poc(int i) {
        return pocs == null ? 0 : pocs[i];
    }

    int epoch(int i) {
        return epochs == null ? 0 : epochs[i];
    }

    boolean sync(int i) {
        return sync.get(i);
    }

    boolean chunkStart(int i) {
        return chunkStarts.get(i);
    }

    /** End of the last sample in the file, or -1 when there is none. */
    long end() {
        return count == 0 ? -1 : offsets[count - 1] + length(count - 1);
    }
}
