package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * {@code mdhd}: the media timescale, duration and language.
 *
 * @param language the 16-bit language field as stored: ISO 639-2/T packed into three 5-bit letters
 *     (see {@link #languageCode()}), or a QuickTime Macintosh language code below 0x400
 * @param quality the 16 bits after the language (ISO pre_defined, QuickTime quality)
 */
public record MediaHeaderBox(int version, int flags, long creationTime, long modificationTime, long timescale,
        long duration, int language, int quality) implements FullBox {
    public MediaHeaderBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.sized("creation_time", version, creationTime);
        Fields.sized("modification_time", version, modificationTime);
        Fields.u32("timescale", timescale);
        Fields.sized("duration", version, duration);
        Fields.u16("language", language);
        Fields.u16("quality", quality);
    }

    /** A header for {@code language} like {@code "und"} or {@code "eng"}; version 1 only when needed. */
    public static MediaHeaderBox of(long timescale, long duration, String language) {
        return new MediaHeaderBox(duration > 0xFFFF_FFFFL ? 1 : 0, 0, 0, 0, timescale, duration,
                packLanguage(language), 0);
    }

    /** The ISO 639-2/T code, or {@code null} when the field holds a Macintosh language code. */
    public String languageCode() {
        if (language < 0x400 || language == 0x7FFF) {
            return null;
        }
        char[] c = new char[3];
        for (int i = 0; i < 3; i++) {
            c[i] = (char) (((language >> (10 - 5 * i)) & 0x1F) + 0x60);
        }
        return new String(c);
    }

    /** Packs a three-letter lower-case ISO 639-2/T code. */
    public static int packLanguage(String code) {
        if (code.length() != 3) {
            throw new IllegalArgumentException("language code has 3 letters: " + code);
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            int c = code.charAt(i) - 0x60;
            if (c < 1 || c > 26) {
                throw new IllegalArgumentException("language code is lower-case a-z: " + code);
            }
            v = (v << 5) | c;
        }
        return v;
    }

    @Override
    public FourCC type() {
        return BoxTypes.MDHD;
    }
}
