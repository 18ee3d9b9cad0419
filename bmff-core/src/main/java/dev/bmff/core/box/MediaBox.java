package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** The media of a track: mdhd, hdlr and minf. Box type {@code mdia}. */
public record MediaBox(List<Box> children) implements ContainerBox {
    public MediaBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MDIA;
    }
}
