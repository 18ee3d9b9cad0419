package dev.bmff.core.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The samples of one track waiting to be written as one chunk: the only media a standard writer holds
 * in memory (none for samples whose bytes are ranges of a source file: {@link SampleData.InFile}), written by
 * {@link SampleOutput}. Samples arrive with their durations complete (from {@link TrackTimeline}).
 */
final class ChunkBuffer {
    private final List<Sample> samples = new ArrayList<>();
    private long bytes;
    private long duration;

    void add(Sample s) {
        samples.add(s);
        bytes += s.size();
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

    void clear() {
        samples.clear();
        bytes = 0;
        duration = 0;
    }
}
