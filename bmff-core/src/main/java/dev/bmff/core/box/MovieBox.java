package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** The movie box: the index of a non-fragmented file (mvhd, trak, mvex, udta...). Box type {@code moov}. */
public record MovieBox(List<Box> children) implements ContainerBox {
    public MovieBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MOOV;
    }
}
