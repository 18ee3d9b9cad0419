package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A box whose payload is (or ends with) a list of child boxes.
 *
 * <pre>{@code
 * TrackBox trak = moov.first(TrackBox.class).orElseThrow();
 * List<TrackBox> all = moov.all(TrackBox.class);
 * }</pre>
 */
public sealed interface ContainerBox extends Box permits MovieBox, TrackBox, EditBox, MediaBox,
        MediaInformationBox, DataInformationBox, SampleTableBox, MovieExtendsBox, MovieFragmentBox,
        TrackFragmentBox, MovieFragmentRandomAccessBox, UserDataBox, DataReferenceBox, SampleDescriptionBox,
        SampleEntry {
    /** The child boxes in file order (an unmodifiable list). */
    List<Box> children();

    /** The first child of the given model class. */
    default <T extends Box> Optional<T> first(Class<T> kind) {
        for (Box b : children()) {
            if (kind.isInstance(b)) {
                return Optional.of(kind.cast(b));
            }
        }
        return Optional.empty();
    }

    /** Every child of the given model class, in order. */
    default <T extends Box> List<T> all(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Box b : children()) {
            if (kind.isInstance(b)) {
                out.add(kind.cast(b));
            }
        }
        return out;
    }

    /** The first child of the given type, whatever its model class. */
    default Optional<Box> first(FourCC type) {
        for (Box b : children()) {
            if (b.type().equals(type)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
