package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** The sample tables: stsd, stts, ctts, stss, stsc, stsz/stz2, stco/co64... Box type {@code stbl}. */
public record SampleTableBox(List<Box> children) implements ContainerBox {
    public SampleTableBox {
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.STBL;
    }
}
