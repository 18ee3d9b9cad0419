package dev.bmff.core.write;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one track waiting to be written as one chunk: the only media a standard writer holds
 * in memory. Samples arrive with their durations complete (from {@link TrackTimeline}).
 */
final class ChunkBuffer {
    private final List<Sample> samples = new ArrayList<>();
    private long bytes;
    private long duration;

    void add(Sample s) {
        samples.add(s);
        bytes += s.data().size();
        duration += s.duration();
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Sum of the sizes. */
    long bytes() {
        return bytes;
    }

    /** Sum of the durations, in the track's timescale. */
    long duration() {
        return duration;
    }

    /** Decode time of the first sample (the chunk's place in time); -1 when empty. */
    long firstDts() {
        return samples.isEmpty() ? -1 : samples.get(0).dts();
    }

    List<Sample> samples() {
        return samples;
    }

    /** Read-only views of the samples' bytes, for one gathering write. */
    ByteBuffer[] buffers() {
        ByteBuffer[] out = new ByteBuffer[samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples.get(i).data().asReadOnlyBuffer();
        }
        return out;
    }

    void clear() {
        samples.clear();
        bytes = 0;
        duration = 0;
    }
}
