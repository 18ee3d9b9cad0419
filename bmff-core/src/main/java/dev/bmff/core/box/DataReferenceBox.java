package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * {@code dref}: data references ({@code url }, {@code urn }, QuickTime {@code alis}), kept as raw boxes.
 * The entry count written is the number of children.
 */
public record DataReferenceBox(int version, int flags, List<Box> children) implements FullBox, ContainerBox {
    public DataReferenceBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.DREF;
    }
}
