package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** Media information: the media header, dinf and stbl. Box type {@code minf}. */
public record MediaInformationBox(List<Box> children) implements ContainerBox {
    public MediaInformationBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MINF;
    }
}
