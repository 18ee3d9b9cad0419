package dev.bmff.core.write;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxWriter;
import java.util.List;

/**
 * Places the moov in front of the media data (faststart). Every chunk offset moves by the moov's size,
 * and the moov's size depends on the offsets: when a shifted offset passes 4 GiB, {@code stco} becomes
 * {@code co64} and the moov grows, which moves the media again. So the shift is iterated until the moov
 * size stops changing; it only grows, so it settles in at most a few rounds. The standard writer's faststart
 * and a repair written with its moov in front both place it here.
 *
 * <pre>{@code
 * FastStartLayout.Placed p = FastStartLayout.place(specs, media, List.of());   // media's chunk offsets as if
 * // the media data started right after the ftyp; then write ftyp, p.moov(), the mdat
 * }</pre>
 */
public final class FastStartLayout {
    private static final int MAX_ROUNDS = 16;

    /**
     * The moov to write in front of the media data, and how far the media data moved.
     *
     * @param moov the encoded moov
     * @param shift how far every chunk offset moved (the moov's size)
     */
    public record Placed(byte[] moov, long shift) {
    }

    private FastStartLayout() {
    }

    /**
     * Builds the moov for media data that moves forward by the moov's own size. Shifts the chunk offsets
     * of {@code media}'s tables in place (by {@link Placed#shift()} in total).
     */
    public static Placed place(List<TrackSpec> specs, List<MovieBuilder.TrackMedia> media) {
        return place(specs, media, List.of());
    }

    /** As above, with the movie-level boxes of a file the output copies ({@link MovieBuilder#standard}). */
    public static Placed place(List<TrackSpec> specs, List<MovieBuilder.TrackMedia> media, List<Box> movieBoxes) {
        long shifted = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            MovieBox moov = MovieBuilder.standard(specs, media, movieBoxes);
            byte[] bytes = BoxWriter.toBytes(moov);
            if (bytes.length == shifted) {
                return new Placed(bytes, shifted);
            }
            long delta = bytes.length - shifted;
            for (MovieBuilder.TrackMedia m : media) {
                m.tables().shiftChunkOffsets(delta);
            }
            shifted = bytes.length;
        }
        throw new IllegalStateException("moov size did not settle after " + MAX_ROUNDS + " rounds");
    }
}
