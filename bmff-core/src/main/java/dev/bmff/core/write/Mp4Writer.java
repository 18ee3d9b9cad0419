package dev.bmff.core.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * What every writer does: take samples in decode order per track (interleaved across tracks in arrival
 * order) and put them on disk in its layout; {@link #close()} finishes the file.
 *
 * <pre>{@code
 * try (Mp4Writer w = HybridWriter.create(path, List.of(video, audio), HybridWriter.Options.defaults())) {
 *     for (Sample s : samples) w.write(s);
 * }
 * }</pre>
 */
public interface Mp4Writer extends Closeable {
    /** The tracks, in the order {@link Sample#track()} indexes them. */
    List<TrackSpec> tracks();

    /** Writes one sample (it may be held until the layout needs it: a chunk, a fragment). */
    void write(Sample sample) throws IOException;

    /**
     * Puts everything written so far on disk in a complete form (a fragmented writer ends the current
     * fragment) and forces it to the device when the durability setting asks for it.
     */
    void flush() throws IOException;

    /** Writes what is pending and finishes the file. Idempotent. */
    @Override
    void close() throws IOException;
}
