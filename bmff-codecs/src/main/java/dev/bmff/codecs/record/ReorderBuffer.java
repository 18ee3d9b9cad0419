package dev.bmff.codecs.record;

import dev.bmff.codecs.access.AccessUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A decoder's reorder buffer, simulated to give each access unit, in decode order, its composition offset in
 * frames from its POC, as the decoder's output process would (the "bumping" of H.264 C.4.5.3 / HEVC
 * C.5.2.2): a picture is presented once more than {@code reorder} pictures wait, or when a new POC epoch (an
 * IDR) starts. Its presentation rank minus its decode index, plus {@code reorder} so no offset is negative,
 * is its composition offset; a conforming stream never presents a picture more than {@code reorder} places
 * before its decode index.
 *
 * <p>Units come out in decode order once their rank is known, at most {@code reorder + 1} pictures late.
 *
 * <pre>{@code
 * ReorderBuffer buffer = new ReorderBuffer(2);
 * for (ReorderBuffer.Timed t : buffer.push(unit, arrivalNanos)) write(t);
 * }</pre>
 */
final class ReorderBuffer {
    /** A unit with its decode index and composition offset in frames. */
    record Timed(AccessUnit unit, long decodeIndex, long offsetFrames, long arrivalNanos) {
    }

    private static final class Entry {
        final AccessUnit unit;
        final long index;
        final long arrival;
        long rank = -1;

        Entry(AccessUnit unit, long index, long arrival) {
            this.unit = unit;
            this.index = index;
            this.arrival = arrival;
        }
    }

    private static final Comparator<Entry> PRESENTATION = Comparator.<Entry>comparingInt(e -> e.unit.pocEpoch())
            .thenComparingLong(e -> e.unit.picOrderCnt()).thenComparingLong(e -> e.index);

    private final int reorder;
    private final ArrayDeque<Entry> decodeOrder = new ArrayDeque<>();
    private final PriorityQueue<Entry> waiting = new PriorityQueue<>(PRESENTATION);
    private long nextIndex;
    private long nextRank;
    private int lastEpoch = Integer.MIN_VALUE;
    private long outOfOrder;

    ReorderBuffer(int reorder) {
        if (reorder < 0 || reorder > 16) {
            throw new IllegalArgumentException("reorder must be 0 to 16: " + reorder);
        }
        this.reorder = reorder;
    }

    /** The composition offset (in frames) the first picture of a stream gets: presentation's delay. */
    int delay() {
        return reorder;
    }

    /** Takes the next unit in decode order; returns the units whose offsets are now known, in decode order. */
    List<Timed> push(AccessUnit unit, long arrivalNanos) {
        if (unit.pocEpoch() != lastEpoch) {
            // Nothing decoded later can be shown before a new epoch: everything waiting is shown first.
            rankAll();
            lastEpoch = unit.pocEpoch();
        }
        Entry e = new Entry(unit, nextIndex++, arrivalNanos);
        decodeOrder.add(e);
        waiting.add(e);
        while (waiting.size() > reorder) {
            rank(waiting.poll());
        }
        return ready();
    }

    /** Ranks every unit still waiting (end of stream); returns them in decode order. */
    List<Timed> finish() {
        rankAll();
        return ready();
    }

    /** Pictures that came after a picture already presented with a greater POC (a non-conforming stream). */
    long outOfOrderCount() {
        return outOfOrder;
    }

    private Entry lastRanked;

    private void rank(Entry e) {
        if (lastRanked != null && PRESENTATION.compare(e, lastRanked) < 0) {
            outOfOrder++; // presented as late as it can be: timestamps stay valid, order as the stream made it
        }
        e.rank = nextRank++;
        lastRanked = e;
    }

    private void rankAll() {
        while (!waiting.isEmpty()) {
            rank(waiting.poll());
        }
    }

    private List<Timed> ready() {
        List<Timed> out = new ArrayList<>();
        while (!decodeOrder.isEmpty() && decodeOrder.peek().rank >= 0) {
            Entry e = decodeOrder.poll();
            // Never negative for a conforming stream; clamped so a broken one still gets valid tables.
            long offset = Math.max(0, e.rank - e.index + reorder);
            out.add(new Timed(e.unit, e.index, offset, e.arrival));
        }
        return out;
    }
}
