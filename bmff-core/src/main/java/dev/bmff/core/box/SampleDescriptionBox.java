package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * {@code stsd}: the sample descriptions of a track, one per coding configuration. Children are
 * {@link VisualSampleEntry} and {@link AudioSampleEntry} for video and sound tracks, {@link RawBox} otherwise.
 * Sample description index {@code i} (1-based in the file) is {@code children().get(i - 1)}.
 */
public record SampleDescriptionBox(int version, int flags, List<Box> children) implements FullBox, ContainerBox {
    public SampleDescriptionBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        children = List.copyOf(children);
    }

    @Override
    public FourCC type() {
        return BoxTypes.STSD;
    }
}
