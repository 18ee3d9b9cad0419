package dev.bmff.codecs.record;

import dev.bmff.core.box.Bytes;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;

/**
 * One elementary stream a recorder reads samples from: what the track is ({@link #track()}, known once the source is
 * open) and its samples in decode order. {@link SourceRecorder} interleaves any number of them into a writer;
 * {@link Av1Source} (IVF or a low-overhead OBU stream) and {@link OggOpusSource} are the two there are.
 *
 * <pre>{@code
 * TrackSource video = Av1Source.open(in, 25, 1);
 * for (TrackSource.Unit u; (u = video.next()) != null; ) {
 *     writer.write(new Sample(0, u.data(), u.decodeTime(), 0, u.duration(), u.sync()));
 * }
 * }</pre>
 */
public interface TrackSource {
    /** The track the samples belong in: sample entry, timescale, edit list. */
    TrackSpec track();

    /** The next sample, or null at the end of the stream. */
    Unit next() throws IOException;

    /**
     * One sample.
     *
     * @param data the sample's bytes
     * @param decodeTime in the track's timescale
     * @param duration in the track's timescale, or {@link dev.bmff.core.write.Sample#UNKNOWN_DURATION}
     * @param sync a sync sample
     */
    record Unit(Bytes data, long decodeTime, long duration, boolean sync) {
    }
}
