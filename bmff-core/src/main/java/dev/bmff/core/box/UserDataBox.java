package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** User data; children are kept as they are. Box type {@code udta}. */
public record UserDataBox(List<Box> children) implements ContainerBox {
    public UserDataBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.UDTA;
    }
}
