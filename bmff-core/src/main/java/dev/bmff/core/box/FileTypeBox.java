package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * {@code ftyp} (or {@code styp} for a segment): the brands a file conforms to.
 *
 * @param type {@link BoxTypes#FTYP} or {@link BoxTypes#STYP}
 */
public record FileTypeBox(FourCC type, FourCC majorBrand, long minorVersion, List<FourCC> compatibleBrands)
        implements Box {
    public FileTypeBox {
        if (!type.equals(BoxTypes.FTYP) && !type.equals(BoxTypes.STYP)) {
            throw new IllegalArgumentException("file type box must be ftyp or styp: " + type);
        }
        Fields.u32("minor_version", minorVersion);
        compatibleBrands = List.copyOf(compatibleBrands);
    }
}
