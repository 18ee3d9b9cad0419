package dev.bmff.core.index;

import java.util.Arrays;
import java.util.BitSet;

/** Growable primitive columns: one array per field, never one object per sample. */
final class SampleColumns {
    long[] offsets = new long[64];
    int[] sizes = new int[64];
    long[] dts = new long[64];
    int[] ctsOffsets = new int[64];
    int[] durations = new int[64];
    int[] descriptionIndexes;
    final BitSet sync = new BitSet();
    int count;

    void add(long offset, long size, long decodeTime, int ctsOffset, long duration, boolean isSync, int sdi) {
        if (count == offsets.length) {
            int n = count * 2;
            offsets = Arrays.copyOf(offsets, n);
            sizes = Arrays.copyOf(sizes, n);
            dts = Arrays.copyOf(dts, n);
            ctsOffsets = Arrays.copyOf(ctsOffsets, n);
            durations = Arrays.copyOf(durations, n);
            if (descriptionIndexes != null) {
                descriptionIndexes = Arrays.copyOf(descriptionIndexes, n);
            }
        }
        if (sdi != 1 && descriptionIndexes == null) {
            descriptionIndexes = new int[offsets.length];
            Arrays.fill(descriptionIndexes, 0, count, 1);
        }
        offsets[count] = offset;
        sizes[count] = (int) size;
        dts[count] = decodeTime;
        ctsOffsets[count] = ctsOffset;
        durations[count] = (int) duration;
        if (descriptionIndexes != null) {
            descriptionIndexes[count] = sdi;
        }
        sync.set(count, isSync);
        count++;
    }

    /** Decode time one past the last sample, where the next fragment continues when it has no tfdt. */
    long endTime() {
        return count == 0 ? 0 : dts[count - 1] + Integer.toUnsignedLong(durations[count - 1]);
    }

    void trim() {
        offsets = Arrays.copyOf(offsets, count);
        sizes = Arrays.copyOf(sizes, count);
        dts = Arrays.copyOf(dts, count);
        ctsOffsets = Arrays.copyOf(ctsOffsets, count);
        durations = Arrays.copyOf(durations, count);
        if (descriptionIndexes != null) {
            descriptionIndexes = Arrays.copyOf(descriptionIndexes, count);
        }
    }
}
