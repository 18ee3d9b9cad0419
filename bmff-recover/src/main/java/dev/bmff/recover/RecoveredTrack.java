package dev.bmff.recover;

import dev.bmff.recover.match.Match;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The samples found for one track, in file order, in primitive arrays: memory grows with the number of samples
 * only (about 28 bytes each), never with the media.
 */
final class RecoveredTrack {
    private long[] offsets = new long[256];
    private long[] lengths = new long[256];
    private long[] pocs = new long[256];
    private int[] epochs = new int[256];
    private final BitSet sync = new BitSet();
    private final BitSet chunkStarts = new BitSet();
    private int count;
    private long bytes;
    private long frames;

    void add(long offset, Match m, boolean chunkStart) {
        if (count == offsets.length) {
            int n = count * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            pocs = Arrays.copyOf(pocs, n);
            epochs = Arrays.copyOf(epochs, n);
        }
        offsets[count] = offset;
        lengths[count] = m.length();
        pocs[count] = m.poc();
        epochs[count] = m.epoch();
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
        return lengths[i];
    }

    long poc(int i) {
        return pocs[i];
    }

    int epoch(int i) {
        return epochs[i];
    }

    boolean sync(int i) {
        return sync.get(i);
    }

    boolean chunkStart(int i) {
        return chunkStarts.get(i);
    }

    /** End of the last sample in the file, or -1 when there is none. */
    long end() {
        return count == 0 ? -1 : offsets[count - 1] + lengths[count - 1];
    }
}
