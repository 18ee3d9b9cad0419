package dev.bmff.benchmarks;

import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Remuxes an MP4 through one of our writers, the way {@code ffmpeg -i IN -c copy OUT} does: the tracks and
 * samples are those of {@link RemuxSource} (each sample read from the file when its turn comes, so memory stays
 * one sample), written in decode-time order across tracks. Prints the wall time, for
 * {@code scripts/bench-writers.sh} to set beside ffmpeg's.
 *
 * <pre>{@code
 * java -cp bmff-benchmarks/target/benchmarks.jar dev.bmff.benchmarks.WriterRemux standard in.mp4 out.mp4
 * }</pre>
 */
public final class WriterRemux {
    private WriterRemux() {
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

    /**
     * Writes every sample of {@code in} to {@code out} with the named writer; returns the sample count. The writer
     * writes its own movie header, so the edit lists are given in its movie timescale.
     */
    static long remux(String layout, Path in, Path out) throws IOException {
        RemuxSource source = RemuxSource.read(in);
        long samples = 0;
        try (FileChannel src = FileChannel.open(source.file());
                Mp4Writer w = open(layout, out, source.specs(MovieBuilder.MOVIE_TIMESCALE))) {
            for (RemuxSource.Item item : source.samples()) {
                w.write(source.read(src, item));
                samples++;
            }
        }
        return samples;
    }

    private static Mp4Writer open(String layout, Path out, List<TrackSpec> specs) throws IOException {
        return layout.equals("standard") ? StandardWriter.create(out, specs, StandardWriter.Options.defaults())
                : HybridWriter.create(out, specs, HybridWriter.Options.defaults());
    }
}
