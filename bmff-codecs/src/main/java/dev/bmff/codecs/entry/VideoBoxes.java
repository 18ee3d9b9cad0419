package dev.bmff.codecs.entry;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.RawBox;
import java.nio.ByteBuffer;

/** The small boxes after a visual sample entry's configuration box, one pure function each. */
final class VideoBoxes {
    static final FourCC PASP = FourCC.of("pasp");
    static final FourCC COLR = FourCC.of("colr");
    static final FourCC BTRT = FourCC.of("btrt");
    static final FourCC MDCV = FourCC.of("mdcv");
    static final FourCC CLLI = FourCC.of("clli");
    static final FourCC FIEL = FourCC.of("fiel");

    private VideoBoxes() {
    }

    /** ISO/IEC 14496-12 12.1.4: hSpacing, vSpacing. */
    static Box pasp(int hSpacing, int vSpacing) {
        return RawBox.of(PASP, ByteBuffer.allocate(8).putInt(hSpacing).putInt(vSpacing).array());
    }

    /** ISO/IEC 14496-12 12.1.5: colour_type 'nclx', three 16-bit code points, full_range_flag and 7 reserved bits. */
    static Box colrNclx(ColourDescription c) {
        ByteBuffer b = ByteBuffer.allocate(11).put(new byte[] {'n', 'c', 'l', 'x'});
        b.putShort((short) c.primaries()).putShort((short) c.transfer()).putShort((short) c.matrix());
        b.put((byte) (c.fullRange() ? 0x80 : 0));
        return RawBox.of(COLR, b.array());
    }

    /** QuickTime {@code colr} of type 'nclc': primaries, transfer function and matrix, no range flag. */
    static Box colrNclc(int primaries, int transfer, int matrix) {
        ByteBuffer b = ByteBuffer.allocate(10).put(new byte[] {'n', 'c', 'l', 'c'});
        b.putShort((short) primaries).putShort((short) transfer).putShort((short) matrix);
        return RawBox.of(COLR, b.array());
    }

    /** QuickTime {@code fiel}: field count (1 or 2) and field ordering (0, or 1/6/9/14 for two fields). */
    static Box fiel(int fields, int detail) {
        return RawBox.of(FIEL, new byte[] {(byte) fields, (byte) detail});
    }

    /** ISO/IEC 14496-12 8.5.2.2. */
    static Box btrt(Bitrate r) {
        return RawBox.of(BTRT, ByteBuffer.allocate(12).putInt((int) r.bufferSizeDb()).putInt((int) r.maxBitrate())
                .putInt((int) r.avgBitrate()).array());
    }

    /**
     * ISO/IEC 14496-12 12.1.6 (MasteringDisplayColourVolumeBox, a plain box): the 24 bytes of the SEI message of
     * the same name, field for field.
     */
    static Box mdcv(dev.bmff.core.box.Bytes masteringDisplay) {
        return RawBox.of(MDCV, masteringDisplay.toArray());
    }

    /** ISO/IEC 14496-12 12.1.7 (ContentLightLevelBox): max_content_light_level, max_pic_average_light_level. */
    static Box clli(dev.bmff.core.box.Bytes contentLightLevel) {
        return RawBox.of(CLLI, contentLightLevel.toArray());
    }
}
