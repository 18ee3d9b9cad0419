package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.opus.OpusPacket;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Opus packets (Opus sample entries). A packet's length is not in its bytes (the MP4 sample table is all that has
 * it), so lengths are found as a chain: from a packet start, candidate lengths within the reference's sizes (with
 * some slack) whose packet passes RFC 6716's rules R1 to R7, each next packet starting with a TOC byte the reference's
 * packets start with, until the chain reaches another track's strong sample start (a picture) or the end of the data,
 * and the most likely chain is taken: the fewest packets, with lengths, TOC and last bytes most like the reference's
 * (see {@link #search}). The
 * packets of one chunk are exact when that chain is the true one, which is what the recovery tests measure
 * (docs/codecs.md).
 *
 * <pre>{@code
 * SampleMatcher m = new OpusMatcher(Map.of(0xFC, 500), Map.of(), 60, 200, 120.0, 12.0, 8, false);
 * }</pre>
 */
public final class OpusMatcher implements SampleMatcher {
    /** What one more packet in a chain costs: twice -ln(1/256), a TOC byte's chance, in squared deviations. */
    private static final double PACKET_COST = 11;
    /** Chain search nodes at most per start: enough for a chunk of dozens of packets, bounded against garbage. */
    private static final int MAX_NODES = 4000;

    private final boolean[] tocs = new boolean[256];
    /** Per TOC byte and per last byte: what starting or ending with it costs (0 for the likeliest, more when rarer). */
    private final double[] tocCost;
    private final double[] lastCost;
    private final int minSize;
    private final int maxSize;
    private final double meanSize;
    private final double sizeDeviation;
    private final int maxChain;
    /** No picture ends a run of packets: a chain of {@link #maxChain} packets followed by a TOC byte is enough. */
    private final boolean open;

    /** The chain found last: absolute positions and lengths of its packets, over {@link #chainSource}. */
    private long[] chainPos = new long[0];
    private int[] chainLen = new int[0];
    private Object chainSource;
    private int nodes;

    /**
     * @param tocs how many of the reference's packets start with each TOC byte (no other starts one)
     * @param lastBytes how many of them end with each byte
     * @param minSize the smallest packet length to try
     * @param maxSize the largest
     * @param meanSize the reference's mean packet size
     * @param sizeDeviation the standard deviation of the reference's packet sizes
     * @param maxChain the most packets a chunk may hold
     * @param open true when no track with strong samples (video) is beside this one: a chain of {@code maxChain}
     *     packets that a TOC byte follows ends the search, and only its first packet is taken
     */
    public OpusMatcher(Map<Integer, Integer> tocs, Map<Integer, Integer> lastBytes, int minSize, int maxSize,
            double meanSize, double sizeDeviation, int maxChain, boolean open) {
        for (int t : tocs.keySet()) {
            this.tocs[t & 0xFF] = true;
        }
        this.tocCost = costs(tocs);
        this.lastCost = costs(lastBytes);
        this.minSize = Math.max(1, minSize);
        this.maxSize = Math.max(this.minSize, maxSize);
        this.meanSize = meanSize;
        this.sizeDeviation = Math.max(1, sizeDeviation);
        this.maxChain = Math.max(1, maxChain);
        this.open = open;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        int cached = cached(w, pos);
        if (cached > 0) {
            return Match.of(cached, true, null);
        }
        if (!startsHere(w, pos)) {
            return null;
        }
        nodes = 0;
        Search s = new Search(maxChain);
        search(w, pos, next, 0, 0, s);
        if (s.best == null) {
            return null;
        }
        chainPos = new long[s.best.length];
        chainLen = s.best;
        long p = pos;
        for (int i = 0; i < chainLen.length; i++) {
            chainPos[i] = p;
            p += chainLen[i];
        }
        chainSource = w.source();
        return Match.of(chainLen[0], true, null);
    }

    /** The chain being searched, and the cheapest found. */
    private static final class Search {
        final int[] lengths;
        int[] best;
        double bestCost = Double.MAX_VALUE;

        Search(int depth) {
            lengths = new int[depth];
        }
    }

    /** A TOC byte of the reference's at {@code pos}. */
    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return pos < w.end() && w.ensure(pos, 1) == 1 && tocs[w.array()[w.index(pos)] & 0xFF];
    }

    /** The length of {@code pos} in the chain found last, 0 when it is not a packet of it. */
    private int cached(MediaWindow w, long pos) {
        if (chainSource != w.source()) {
            return 0;
        }
        int i = Arrays.binarySearch(chainPos, pos);
        return i >= 0 ? chainLen[i] : 0;
    }

    /**
     * Branch and bound over the chains from {@code pos}: each packet costs its squared distance from the reference's
     * mean size in standard deviations, plus {@link #PACKET_COST} (a false packet boundary needs a TOC byte by chance),
     * plus what its TOC byte and last byte cost (rarer in the reference, dearer),
     * so neither one long packet where the chunk holds two nor many short ones win over the true split.
     */
    private void search(MediaWindow w, long pos, StartCheck next, int depth, double cost, Search s) throws IOException {
        if (depth == s.lengths.length || ++nodes > MAX_NODES || cost >= s.bestCost) {
            return;
        }
        int avail = w.ensure(pos, maxSize);
        int at = w.index(pos);
        // Copy: the checks below move the window.
        byte[] bytes = Arrays.copyOfRange(w.array(), at, at + avail);
        for (int length : candidates(bytes)) {
            long after = pos + length;
            double z = (length - meanSize) / sizeDeviation;
            double c = cost + z * z + PACKET_COST + tocCost[bytes[0] & 0xFF] + lastCost[bytes[length - 1] & 0xFF];
            if (c >= s.bestCost) {
                continue;
            }
            s.lengths[depth] = length;
            // At the end of the data the last packet may be one the cut shortened: only one of a usual size is taken.
            if ((after == w.end() && z * z <= 4) || next.confirmedStrongStartAt(after)
                    || (open && depth == s.lengths.length - 1 && startsHere(w, after))) {
                // An open chain vouches for its first packet only: the next start searches again.
                s.best = Arrays.copyOf(s.lengths, open && after != w.end() ? 1 : depth + 1);
                s.bestCost = c;
            } else if (after < w.end() && startsHere(w, after)) {
                search(w, after, next, depth + 1, c, s);
            }
        }
    }

    /**
     * -2 ln(p / p_max) per byte value, p the value's share of {@code counts} (add-one smoothed over all 256 values):
     * 0 for the likeliest, as much more as a value is rarer, in the units of the size term's squared deviations.
     */
    private static double[] costs(Map<Integer, Integer> counts) {
        double[] p = new double[256];
        double total = 256;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            total += e.getValue();
        }
        double max = 0;
        for (int b = 0; b < 256; b++) {
            p[b] = (1 + counts.getOrDefault(b, 0)) / total;
            max = Math.max(max, p[b]);
        }
        double[] cost = new double[256];
        for (int b = 0; b < 256; b++) {
            cost[b] = -2 * Math.log(p[b] / max);
        }
        return cost;
    }

    /** The lengths a valid packet could have over {@code bytes}, nearest the mean first (to find a cheap chain soon). */
    private Integer[] candidates(byte[] bytes) {
        int hi = Math.min(maxSize, bytes.length);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int n = minSize; n <= hi; n++) {
            try {
                OpusPacket.parse(bytes, 0, n);
                out.add(n);
            } catch (BitstreamException e) {
                // not a packet of this length
            }
        }
        Integer[] c = out.toArray(new Integer[0]);
        Arrays.sort(c, (x, y) -> Double.compare(Math.abs(x - meanSize), Math.abs(y - meanSize)));
        return c;
    }
}
