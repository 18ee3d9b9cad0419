package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** A track: tkhd, edts and mdia. Box type {@code trak}. */
public record TrackBox(List<Box> children) implements ContainerBox {
    public TrackBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TRAK;
    }
}
