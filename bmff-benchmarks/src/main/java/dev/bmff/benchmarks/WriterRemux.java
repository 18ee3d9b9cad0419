package dev.bmff.benchmarks;

import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Remuxes an MP4 through one of our writers, the way {@code ffmpeg -i IN -c copy OUT} does: the samples
 * are read with {@link SampleIndex} (each read from the file when its turn comes, so memory stays one
 * sample) and written in decode-time order across tracks. Prints the wall time, for
 * {@code scripts/bench-writers.sh} to set beside ffmpeg's.
 *
 * <pre>{@code
 * java -cp bmff-benchmarks/target/benchmarks.jar dev.bmff.benchmarks.WriterRemux standard in.mp4 out.mp4
 * }</pre>
 */
public final class WriterRemux {
    private WriterRemux() {
    }

    /** One sample's place: track and index in that track. */
    private record Ref(int track, int index, double seconds) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !List.of("standard", "hybrid").contains(args[0])) {
            System.err.println("usage: WriterRemux standard|hybrid IN.mp4 OUT.mp4");
            System.exit(2);
        }
        long start = System.nanoTime();
        long samples = remux(args[0], Path.of(args[1]), Path.of(args[2]));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d samples in %.3f s%n", args[0], samples, seconds);
    }

    /** Writes every sample of {@code in} to {@code out} with the named writer; returns the sample count. */
    static long remux(String layout, Path in, Path out) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(in, ReadOptions.strict()));
        List<TrackSamples> tracks = index.tracks();
        List<TrackSpec> specs = new ArrayList<>();
        List<Ref> order = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            TrackSamples ts = tracks.get(t);
            specs.add(spec(ts));
            for (int i = 0; i < ts.sampleCount(); i++) {
                order.add(new Ref(t, i, (double) ts.dts(i) / ts.timescale()));
            }
        }
        // Interleaved by decode time in seconds, as a demuxer hands packets to a muxer.
        order.sort(Comparator.comparingDouble(Ref::seconds).thenComparingInt(Ref::track));
        try (FileChannel src = FileChannel.open(in); Mp4Writer w = open(layout, out, specs)) {
            for (Ref r : order) {
                TrackSamples ts = tracks.get(r.track());
                int i = r.index();
                ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(ts.size(i)));
                long at = ts.offset(i);
                while (b.hasRemaining()) {
                    int n = src.read(b, at);
                    if (n < 0) {
                        throw new IOException(in + " ends inside sample " + i + " of track " + r.track());
                    }
                    at += n;
                }
                b.flip();
                w.write(new Sample(r.track(), Bytes.of(b.array()), ts.dts(i), Math.toIntExact(ts.cts(i) - ts.dts(i)),
                        ts.duration(i), ts.isSync(i)));
            }
        }
        return order.size();
    }

    /** The source track as a spec: its first sample description and its edit list (in our movie timescale). */
    private static TrackSpec spec(TrackSamples ts) {
        TrackSpec spec = new TrackSpec(ts.handlerType(), ts.timescale(), (SampleEntry) ts.sampleDescriptions().get(0),
                "und", null);
        if (ts.editList().isEmpty()) {
            return spec;
        }
        List<EditListBox.Entry> edits = new ArrayList<>();
        for (EditListBox.Entry e : ts.editList()) {
            edits.add(new EditListBox.Entry(e.segmentDuration() * MovieBuilder.MOVIE_TIMESCALE / ts.movieTimescale(),
                    e.mediaTime(), e.mediaRateInteger(), e.mediaRateFraction()));
        }
        return spec.withEditList(edits);
    }

    private static Mp4Writer open(String layout, Path out, List<TrackSpec> specs) throws IOException {
        return layout.equals("standard") ? StandardWriter.create(out, specs, StandardWriter.Options.defaults())
                : HybridWriter.create(out, specs, HybridWriter.Options.defaults());
    }
}
