package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;

/**
 * The first fields of an AV1 uncompressed frame header (5.9.2), the start of a frame header OBU or a frame OBU:
 * whether it shows an earlier frame, and otherwise its type and whether it is shown. Enough to tell a key frame and
 * where a temporal unit's shown frame is; the rest of the header is not read.
 *
 * <pre>{@code
 * FrameHeader f = FrameHeader.parse(obu, o.payloadOffset(), o.header().payloadSize(), sequenceHeader);
 * boolean shown = f.showExistingFrame() || f.showFrame();
 * }</pre>
 *
 * @param showExistingFrame show_existing_frame: the frame shows a frame decoded before
 * @param frameType frame_type (0 key, 1 inter, 2 intra-only, 3 switch); -1 with showExistingFrame
 * @param showFrame show_frame (true with showExistingFrame)
 * @param frameToShow frame_to_show_map_idx with showExistingFrame, else -1
 */
public record FrameHeader(boolean showExistingFrame, int frameType, boolean showFrame, int frameToShow) {
    public static final int KEY_FRAME = 0;

    /** Whether this is a key frame that is shown now (what starts a sync sample). */
    public boolean shownKeyFrame() {
        return frameType == KEY_FRAME && showFrame && !showExistingFrame;
    }

    /**
     * The frame header whose payload is {@code data[offset, offset + length)}.
     *
     * @throws BitstreamException {@code TRUNCATED} when the payload is too short; offsets count from {@code offset}
     */
    public static FrameHeader parse(byte[] data, int offset, int length, SequenceHeader seq)
            throws BitstreamException {
        if (seq.reducedStillPictureHeader()) {
            return new FrameHeader(false, KEY_FRAME, true, -1);
        }
        BitReader r = new BitReader(data, offset, length);
        if (r.flag("show_existing_frame")) {
            return new FrameHeader(true, -1, true, r.u(3, "frame_to_show_map_idx"));
        }
        int type = r.u(2, "frame_type");
        return new FrameHeader(false, type, r.flag("show_frame"), -1);
    }
}
