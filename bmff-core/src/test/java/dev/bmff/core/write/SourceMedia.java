package dev.bmff.core.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tracks and samples of a real file, in the order a recorder would hand them to a writer, bytes loaded. */
record SourceMedia(List<TrackSpec> specs, List<Sample> samples) {

    /**
     * {@code file} as {@link RemuxSource} reads it, every sample loaded; the edit lists in our movie timescale, for a
     * writer that writes its own movie header.
     */
    static SourceMedia read(Path file) throws IOException {
        RemuxSource source = RemuxSource.read(file);
        List<Sample> samples = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(source.file())) {
            for (RemuxSource.Item item : source.samples()) {
                samples.add(source.read(ch, item));
            }
        }
        return new SourceMedia(source.specs(MovieBuilder.MOVIE_TIMESCALE), samples);
    }

    /** Samples of {@code track}, in decode order. */
    List<Sample> of(int track) {
        return samples.stream().filter(x -> x.track() == track).toList();
    }
}
