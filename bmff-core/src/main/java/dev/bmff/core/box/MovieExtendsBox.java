package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** Announces that movie fragments follow (mehd, trex). Box type {@code mvex}. */
public record MovieExtendsBox(List<Box> children) implements ContainerBox {
    public MovieExtendsBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.MVEX;
    }
}
