package dev.bmff.codecs.scan;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.BoxTypes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a plausible box header is: a big-endian 32-bit size of at least 8, or a size of 1 followed by a
 * 64-bit largesize of at least 16 (and below 2^63), then a type from a known set. A size of 0 ("to the
 * end of the file") is not accepted: it says nothing about where the box ends, so it is useless to
 * a recovery and far too common in zero-filled data.
 *
 * <pre>{@code
 * Set<FourCC> types = BoxHeaderSignature.defaultTypes();
 * SignatureScanner boxes = BoxHeaderScanner.of(types);
 * }</pre>
 */
public final class BoxHeaderSignature {
    /** Bytes of the longest header the scanners look at (size, type, largesize). */
    public static final int MAX_LENGTH = 16;
    /** Bytes of a compact header (size, type). */
    public static final int MIN_LENGTH = 8;

    private static final Set<FourCC> DEFAULT_TYPES = defaults();

    private BoxHeaderSignature() {
    }

    /**
     * Every type in {@link BoxTypes} plus common sample entries and configuration boxes (avcC, hvcC,
     * esds, uuid...), sorted; unmodifiable.
     */
    public static Set<FourCC> defaultTypes() {
        return DEFAULT_TYPES;
    }

    /** True when {@code size} (unsigned 32) and, for size 1, {@code largeSize} make a plausible header. */
    static boolean plausibleSize(int size, long largeSize) {
        return size == 1 ? largeSize >= MAX_LENGTH : Integer.compareUnsigned(size, MIN_LENGTH) >= 0;
    }

    private static Set<FourCC> defaults() {
        Set<FourCC> s = new TreeSet<>();
        // Read the constants so a type added to BoxTypes is found without touching this list.
        for (Field f : BoxTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FourCC.class) {
                try {
                    s.add((FourCC) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Stream.of("avcC", "hvcC", "esds", "uuid", "avc1", "avc3", "hvc1", "hev1", "mp4a", "mp4v", "btrt", "pasp",
                "colr", "clap", "fiel", "chan", "wave", "frma", "enda", "pcmC", "ipcm", "fpcm", "twos", "sowt", "lpcm",
                "in24", "in32", "fl32", "fl64", "tmcd", "gmhd", "gmin", "tref", "ilst", "keys", "data", "iods", "sgpd",
                "sbgp", "saiz", "saio", "senc", "pssh", "sinf", "schm", "schi", "tenc", "emsg", "prft", "ssix", "sdtp",
                "dOps", "dac3", "dec3", "av1C", "vpcC", "rtmd", "pnot")
                .map(FourCC::of).forEach(s::add);
        return java.util.Collections.unmodifiableSet(s);
    }
}
