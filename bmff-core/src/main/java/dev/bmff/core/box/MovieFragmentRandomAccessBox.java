package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** The fragment random access index at the end of a fragmented file (tfra, mfro). Box type {@code mfra}. */
public record MovieFragmentRandomAccessBox(List<Box> children) implements ContainerBox {
    public MovieFragmentRandomAccessBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MFRA;
    }
}
