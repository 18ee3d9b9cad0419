package dev.bmff.core.write;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.io.BoxWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** The bytes a fragmented file starts with. */
final class Headers {
    /** The hybrid writer's placeholder: room for an mdat header with a 64-bit size. */
    static final int PLACEHOLDER_SIZE = 16;

    private Headers() {
    }

    /**
     * ftyp (fragmented brands), the {@link #PLACEHOLDER_SIZE}-byte free placeholder when
     * {@code placeholder}, and the sample-less moov (with the movie-level boxes of a file it copies).
     */
    static byte[] fragmentedHead(List<TrackSpec> tracks, boolean placeholder, List<Box> movieBoxes) {
        return fragmentedHead(Brands.fragmented(), tracks, placeholder, movieBoxes);
    }

    /** {@link #fragmentedHead(List, boolean, List)} with other brands (CMAF's). */
    static byte[] fragmentedHead(FileTypeBox brands, List<TrackSpec> tracks, boolean placeholder,
            List<Box> movieBoxes) {
        return fragmentedHead(brands, tracks, placeholder, movieBoxes, null, false);
    }

    /**
     * The head with the durations known at close, as {@link MovieBuilder#fragmented(List, List, TrackEnds, boolean)}
     * writes them ({@code trackEnds} null: not yet known).
     */
    static byte[] fragmentedHead(FileTypeBox brands, List<TrackSpec> tracks, boolean placeholder,
            List<Box> movieBoxes, TrackEnds trackEnds, boolean durationBox) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BoxWriter.toBytes(brands));
        if (placeholder) {
            out.writeBytes(BoxWriter.toBytes(FreeSpaceBox.ofTotalSize(PLACEHOLDER_SIZE)));
        }
        out.writeBytes(BoxWriter.toBytes(MovieBuilder.fragmented(tracks, movieBoxes, trackEnds, durationBox)));
        return out.toByteArray();
    }
}
