package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** A track fragment: tfhd, tfdt and trun boxes. Box type {@code traf}. */
public record TrackFragmentBox(List<Box> children) implements ContainerBox {
    public TrackFragmentBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.TRAF;
    }
}
