package dev.bmff.codecs.record;

import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records {@link TrackSource}s (AV1 from IVF or OBUs, Opus from Ogg) into any {@link Mp4Writer}, interleaved by time:
 * the sample that starts first (in seconds) is written next, ties in track order, as a live source delivers them. What
 * {@code bmff record} does for the codecs {@link StreamRecorder} (Annex B and ADTS) does not read.
 *
 * <p>{@link #stop()} may be called from another thread (a shutdown hook): the writer is closed (finalized) and
 * {@link #run} returns.
 *
 * <pre>{@code
 * List<TrackSource> sources = List.of(Av1Source.open(video, 25, 1), OggOpusSource.open(audio));
 * SourceRecorder r = new SourceRecorder(sources, StreamRecorder.Progress.NONE);
 * long[] written = r.run(tracks -> StandardWriter.create(out, tracks, StandardWriter.Options.defaults()));
 * }</pre>
 */
public final class SourceRecorder {
    private final List<TrackSource> sources;
    private final StreamRecorder.Progress progress;
    private final Object lock = new Object();
    private Mp4Writer writer;
    private boolean stopped;
    private boolean closed;
    private boolean stoppedBySignal;

    /** @param progress hears each sample of the first source (the video) written */
    public SourceRecorder(List<TrackSource> sources, StreamRecorder.Progress progress) {
        if (sources.isEmpty() || progress == null) {
            throw new IllegalArgumentException("at least one source, and a progress listener");
        }
        this.sources = List.copyOf(sources);
        this.progress = progress;
    }

    /**
     * Opens the writer with the sources' tracks and writes every sample until the sources end or {@link #stop()};
     * closes the writer. Does not close the sources' streams.
     *
     * @return samples written per source
     */
    public long[] run(StreamRecorder.WriterFactory factory) throws IOException {
        List<TrackSpec> tracks = new ArrayList<>();
        for (TrackSource s : sources) {
            tracks.add(s.track());
        }
        long[] written = new long[sources.size()];
        TrackSource.Unit[] next = new TrackSource.Unit[sources.size()];
        try {
            synchronized (lock) {
                writer = factory.open(tracks);
                if (stopped) {
                    finish();
                    return written;
                }
            }
            for (int i = 0; i < next.length; i++) {
                next[i] = sources.get(i).next();
            }
            for (; ; ) {
                int pick = -1;
                double best = Double.MAX_VALUE;
                for (int i = 0; i < next.length; i++) {
                    if (next[i] != null) {
                        double t = (double) next[i].decodeTime() / tracks.get(i).timescale();
                        if (t < best) {
                            best = t;
                            pick = i;
                        }
                    }
                }
                if (pick < 0) {
                    break;
                }
                TrackSource.Unit u = next[pick];
                synchronized (lock) {
                    if (stopped) {
                        break;
                    }
                    writer.write(new Sample(pick, u.data(), u.decodeTime(), 0, u.duration(), u.sync()));
                }
                written[pick]++;
                if (pick == 0) {
                    progress.picture(written[0], best);
                }
                next[pick] = sources.get(pick).next();
            }
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                try {
                    finish();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        synchronized (lock) {
            finish();
        }
        return written;
    }

    /** Whether {@link #stop()} ended the recording. */
    public boolean stoppedBySignal() {
        synchronized (lock) {
            return stoppedBySignal;
        }
    }

    /** Ends the recording from another thread: the writer is closed (finalized). Idempotent. */
    public void stop() throws IOException {
        synchronized (lock) {
            if (!stopped) {
                stoppedBySignal = true;
            }
            finish();
        }
    }

    private void finish() throws IOException {
        stopped = true;
        if (writer != null && !closed) {
            closed = true;
            writer.close();
        }
    }
}
