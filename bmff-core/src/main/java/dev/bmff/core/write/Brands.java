package dev.bmff.core.write;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.FileTypeBox;
import java.util.List;

/**
 * The ftyp boxes we write. The fragmented one and the standard one have the same number of brands, so
 * the hybrid writer can put one over the other in place.
 */
final class Brands {
    private static final long MINOR = 512;

    private Brands() {
    }

    /** A file of movie fragments (iso5: default-base-is-moof; iso6: tfdt and the rest of fragments). */
    static FileTypeBox fragmented() {
        return new FileTypeBox(BoxTypes.FTYP, FourCC.of("iso5"), MINOR,
                List.of(FourCC.of("iso5"), FourCC.of("iso6"), FourCC.of("isom"), FourCC.of("mp41")));
    }

    /**
     * The header of a CMAF track ({@code cmfc}: CMAF's structural brand; {@code iso6}: tfdt in every traf and
     * the other fragment rules of ISO/IEC 14496-12 6th edition). Same count as {@link #fragmented()}.
     */
    static FileTypeBox cmaf() {
        return new FileTypeBox(BoxTypes.FTYP, FourCC.of("cmfc"), 0,
                List.of(FourCC.of("cmfc"), FourCC.of("iso6"), FourCC.of("isom"), FourCC.of("mp41")));
    }

    /**
     * The {@code styp} each CMAF media segment starts with: {@code cmfs} (a CMAF segment), {@code cmff} (made
     * of CMAF fragments), and the header's brands.
     */
    static FileTypeBox cmafSegment() {
        return new FileTypeBox(BoxTypes.STYP, FourCC.of("cmfs"), 0,
                List.of(FourCC.of("cmfs"), FourCC.of("cmff"), FourCC.of("cmfc"), FourCC.of("iso6")));
    }

    /** A standard file: one moov with complete sample tables. */
    static FileTypeBox standard() {
        return new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), MINOR,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41"), FourCC.of("mp42")));
    }
}
