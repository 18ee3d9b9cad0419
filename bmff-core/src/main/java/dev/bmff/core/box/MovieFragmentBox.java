package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** A movie fragment: mfhd and one traf per track. Box type {@code moof}. */
public record MovieFragmentBox(List<Box> children) implements ContainerBox {
    public MovieFragmentBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MOOF;
    }
}
