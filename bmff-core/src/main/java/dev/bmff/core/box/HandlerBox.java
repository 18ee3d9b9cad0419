package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.nio.charset.StandardCharsets;

/**
 * {@code hdlr}: the kind of media ({@code vide}, {@code soun}, {@code meta}...).
 *
 * @param preDefined ISO pre_defined, QuickTime's component type ({@code mhlr}, {@code dhlr}), as a 32-bit value
 * @param reserved the 12 bytes after the handler type (QuickTime manufacturer and flags), kept as read
 * @param name the name field exactly as stored: NUL-terminated UTF-8 in ISO files, a counted string in QuickTime
 */
public record HandlerBox(int version, int flags, long preDefined, FourCC handlerType, Bytes reserved, Bytes name)
        implements FullBox {
    public static final FourCC VIDEO = FourCC.of("vide");
    public static final FourCC SOUND = FourCC.of("soun");

    public HandlerBox {
        Fields.version(version, 0);
        Fields.flags(flags);
        Fields.u32("pre_defined", preDefined);
        Fields.exact("reserved", reserved, 12);
    }

    /** An ISO handler with a NUL-terminated name. */
    public static HandlerBox of(FourCC handlerType, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[n.length + 1];
        System.arraycopy(n, 0, z, 0, n.length);
        return new HandlerBox(0, 0, 0, handlerType, Bytes.zeros(12), Bytes.of(z));
    }

    /** The name as text, whichever of the two encodings the file used. */
    public String nameText() {
        byte[] b = name.toArray();
        if (b.length == 0) {
            return "";
        }
        // QuickTime counted string: first byte is the length of the rest.
        if ((b[0] & 0xFF) == b.length - 1 && b.length > 1 && b[0] != 0) {
            return new String(b, 1, b.length - 1, StandardCharsets.UTF_8);
        }
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public FourCC type() {
        return BoxTypes.HDLR;
    }
}
