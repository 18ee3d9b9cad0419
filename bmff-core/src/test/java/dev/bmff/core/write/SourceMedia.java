package dev.bmff.core.write;

import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The tracks and samples of a real file, in the order a recorder would hand them to a writer. */
record SourceMedia(List<TrackSpec> specs, List<Sample> samples) {

    /** Reads {@code file}; samples interleaved by decode time in seconds; the source's edit lists kept. */
    static SourceMedia read(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<TrackSpec> specs = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            for (TrackSamples t : index.tracks()) {
                int track = specs.size();
                SampleEntry entry = Remux.sampleEntry(t);
                TrackSpec spec = new TrackSpec(t.handlerType(), t.timescale(), entry, "und", null);
                if (!t.editList().isEmpty()) {
                    List<EditListBox.Entry> edits = new ArrayList<>();
                    for (EditListBox.Entry e : t.editList()) {
                        edits.add(new EditListBox.Entry(e.segmentDuration() * MovieBuilder.MOVIE_TIMESCALE
                                / t.movieTimescale(), e.mediaTime(), e.mediaRateInteger(), e.mediaRateFraction()));
                    }
                    spec = spec.withEditList(edits);
                }
                specs.add(spec);
                for (int i = 0; i < t.sampleCount(); i++) {
                    ByteBuffer b = ByteBuffer.allocate((int) t.size(i));
                    long at = t.offset(i);
                    while (b.hasRemaining()) {
                        at += ch.read(b, at);
                    }
                    b.flip();
                    samples.add(new Sample(track, Bytes.copyOf(b), t.dts(i), (int) (t.cts(i) - t.dts(i)),
                            t.duration(i), t.isSync(i)));
                }
            }
        }
        List<TrackSpec> s = List.copyOf(specs);
        samples.sort(Comparator.comparingDouble((Sample x) -> (double) x.dts() / s.get(x.track()).timescale())
                .thenComparingInt(Sample::track));
        return new SourceMedia(s, samples);
    }

    /** Samples of {@code track}, in decode order. */
    List<Sample> of(int track) {
        return samples.stream().filter(x -> x.track() == track).toList();
    }
}
