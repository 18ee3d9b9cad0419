package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** The edit box holding the edit list. Box type {@code edts}. */
public record EditBox(List<Box> children) implements ContainerBox {
    public EditBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.EDTS;
    }
}
