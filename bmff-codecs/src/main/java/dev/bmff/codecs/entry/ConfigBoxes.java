package dev.bmff.codecs.entry;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds a configuration box among a sample entry's children, or inside a QuickTime {@code wave} box (where
 * .mov files keep the {@code esds} of {@code mp4a} version 1 entries).
 */
final class ConfigBoxes {
    private static final FourCC WAVE = FourCC.of("wave");

    private ConfigBoxes() {
    }

    static Optional<byte[]> find(SampleEntry entry, FourCC type) {
        for (Box b : entry.children()) {
            if (b instanceof RawBox raw && raw.payload() instanceof Bytes bytes) {
                if (raw.type().equals(type)) {
                    return Optional.of(bytes.toArray());
                }
                if (raw.type().equals(WAVE)) {
                    Optional<byte[]> inner = inWave(bytes.toArray(), type.toString());
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Walks the compact box headers in a wave payload; a size that does not fit ends the walk. */
    private static Optional<byte[]> inWave(byte[] p, String type) {
        int pos = 0;
        while (p.length - pos >= 8) {
            long size = (p[pos] & 0xFFL) << 24 | (p[pos + 1] & 0xFF) << 16 | (p[pos + 2] & 0xFF) << 8 | (p[pos + 3] & 0xFF);
            if (size < 8 || size > p.length - pos) {
                break;
            }
            String t = new String(p, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.equals(type)) {
                return Optional.of(Arrays.copyOfRange(p, pos + 8, pos + (int) size));
            }
            pos += (int) size;
        }
        return Optional.empty();
    }
}
