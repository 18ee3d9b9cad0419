package dev.bmff.codecs.pcm;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The small boxes PCM sample entries carry, which bmff-core keeps as raw bytes: ISO {@code pcmC} and
 * {@code srat}, QuickTime {@code wave}/{@code enda}.
 */
final class PcmBoxes {
    static final FourCC PCMC = FourCC.of("pcmC");
    static final FourCC SRAT = FourCC.of("srat");
    static final FourCC WAVE = FourCC.of("wave");
    static final FourCC ENDA = FourCC.of("enda");

    private PcmBoxes() {
    }

    /** The in-memory payload of the first child of {@code type}, if any. */
    static Optional<ByteBuffer> payload(AudioSampleEntry e, FourCC type) {
        for (Box b : e.children()) {
            if (b.type().equals(type) && b instanceof RawBox r && r.payload() instanceof Bytes bytes) {
                return Optional.of(bytes.asReadOnlyBuffer());
            }
        }
        return Optional.empty();
    }

    /**
     * The QuickTime {@code enda} flag (non-zero: little endian), directly in the entry or inside its
     * {@code wave} box (where ffmpeg and Apple put it), or empty when there is none.
     */
    static Optional<Boolean> littleEndianFlag(AudioSampleEntry e) {
        Optional<ByteBuffer> enda = payload(e, ENDA);
        if (enda.isPresent()) {
            return Optional.of(flag(enda.get()));
        }
        Optional<ByteBuffer> wave = payload(e, WAVE);
        if (wave.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer w = wave.get();
        // wave holds a plain list of boxes: walk it, stopping at anything that does not fit.
        int p = 0;
        while (p + 8 <= w.limit()) {
            long size = Integer.toUnsignedLong(w.getInt(p));
            int type = w.getInt(p + 4);
            if (size < 8 || p + size > w.limit()) {
                break;
            }
            if (type == ENDA.value()) {
                return Optional.of(flag(w.slice(p + 8, (int) size - 8)));
            }
            p += (int) size;
        }
        return Optional.empty();
    }

    private static boolean flag(ByteBuffer b) {
        // A 16-bit field; accept a lone byte too, as some writers store one.
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** A {@code pcmC} box (ISO/IEC 23003-5): version 0, flags 0, format_flags, PCM_sample_size. */
    static RawBox pcmC(boolean littleEndian, int bits) {
        return RawBox.of(PCMC, new byte[] {0, 0, 0, 0, (byte) (littleEndian ? 1 : 0), (byte) bits});
    }
}
