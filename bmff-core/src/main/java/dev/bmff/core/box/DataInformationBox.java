package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** Where the media data lives (dref). Box type {@code dinf}. */
public record DataInformationBox(List<Box> children) implements ContainerBox {
    public DataInformationBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.DINF;
    }
}
