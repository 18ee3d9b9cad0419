package dev.bmff.recover;

/**
 * Presentation positions of video pictures from their picture order counts. Within one POC epoch (from one IDR to
 * the next) a picture is presented {@code (poc - smallest poc) / step} frames after the epoch's first picture in
 * decode order; the step is the smallest POC difference seen (2 for most H.264 encoders, 1 for HEVC). Unlike a
 * plain rank, this stays right for the last pictures before a cut even when the B-frames between them are lost.
 */
final class PresentationOrder {
    private PresentationOrder() {
    }

    /** For each picture (decode order), the index of its presentation slot. */
    static long[] ranks(RecoveredTrack t) {
        int n = t.count();
        long[] out = new long[n];
        long step = Long.MAX_VALUE;
        int start = 0;
        while (start < n) {
            int end = epochEnd(t, start);
            long[] pocs = new long[end - start];
            for (int i = start; i < end; i++) {
                pocs[i - start] = t.poc(i);
            }
            java.util.Arrays.sort(pocs);
            for (int i = 1; i < pocs.length; i++) {
                if (pocs[i] > pocs[i - 1]) {
                    step = Math.min(step, pocs[i] - pocs[i - 1]);
                }
            }
            start = end;
        }
        if (step == Long.MAX_VALUE) {
            step = 1;
        }
        start = 0;
        while (start < n) {
            int end = epochEnd(t, start);
            long min = Long.MAX_VALUE;
            for (int i = start; i < end; i++) {
                min = Math.min(min, t.poc(i));
            }
            for (int i = start; i < end; i++) {
                out[i] = start + (t.poc(i) - min) / step;
            }
            start = end;
        }
        return out;
    }

    private static int epochEnd(RecoveredTrack t, int start) {
        int end = start + 1;
        while (end < t.count() && t.epoch(end) == t.epoch(start)) {
            end++;
        }
        return end;
    }
}
