package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;

/**
 * The first fields of an AV1 uncompressed frame header (5.9.2), the start of a frame header OBU or a frame OBU:
 * whether it shows an earlier frame, and otherwise its type, whether it is shown, and the flags up to
 * primary_ref_frame. Enough to tell a key frame and where a temporal unit's shown frame is, and for a recovery to tell
 * a frame of one encoder's settings from random bytes ({@link #signature()}); the rest of the header is not read.
 *
 * <pre>{@code
 * FrameHeader f = FrameHeader.parse(obu, o.payloadOffset(), (int) o.header().payloadSize(), sequenceHeader);
 * boolean shown = f.showExistingFrame() || f.showFrame();
 * }</pre>
 *
 * @param showExistingFrame show_existing_frame: the frame shows a frame decoded before
 * @param frameType frame_type (0 key, 1 inter, 2 intra-only, 3 switch); -1 with showExistingFrame
 * @param showFrame show_frame (true with showExistingFrame)
 * @param frameToShow frame_to_show_map_idx with showExistingFrame, else -1
 * @param showableFrame showable_frame (inferred as the spec says when not coded)
 * @param errorResilientMode error_resilient_mode
 * @param disableCdfUpdate disable_cdf_update
 * @param allowScreenContentTools allow_screen_content_tools
 * @param frameSizeOverride frame_size_override_flag
 * @param orderHint order_hint (0 without order hints)
 * @param primaryRefFrame primary_ref_frame (7, PRIMARY_REF_NONE, for intra and error resilient frames)
 */
public record FrameHeader(boolean showExistingFrame, int frameType, boolean showFrame, int frameToShow,
        boolean showableFrame, boolean errorResilientMode, boolean disableCdfUpdate, boolean allowScreenContentTools,
        boolean frameSizeOverride, int orderHint, int primaryRefFrame) {
    public static final int KEY_FRAME = 0;
    public static final int INTRA_ONLY_FRAME = 2;
    public static final int SWITCH_FRAME = 3;
    private static final int PRIMARY_REF_NONE = 7;

    /**
     * The flags that one encoder's settings keep alike from frame to frame, packed in 11 bits: frame type, show_frame,
     * showable_frame, error_resilient_mode, disable_cdf_update, allow_screen_content_tools, frame_size_override_flag,
     * primary_ref_frame; -1 for a frame that shows an existing one.
     */
    public int signature() {
        if (showExistingFrame) {
            return -1;
        }
        return frameType << 9 | (showFrame ? 1 << 8 : 0) | (showableFrame ? 1 << 7 : 0) | (errorResilientMode ? 1 << 6 : 0)
                | (disableCdfUpdate ? 1 << 5 : 0) | (allowScreenContentTools ? 1 << 4 : 0)
                | (frameSizeOverride ? 1 << 3 : 0) | primaryRefFrame;
    }

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
            return new FrameHeader(false, KEY_FRAME, true, -1, false, true, false, false, false, 0, PRIMARY_REF_NONE);
        }
        BitReader r = new BitReader(data, offset, length);
        if (r.flag("show_existing_frame")) {
            return new FrameHeader(true, -1, true, r.u(3, "frame_to_show_map_idx"), false, false, false, false, false, 0,
                    PRIMARY_REF_NONE);
        }
        int type = r.u(2, "frame_type");
        boolean show = r.flag("show_frame");
        if (show && seq.decoderModelInfoPresent() && !seq.equalPictureInterval()) {
            r.skip(seq.framePresentationTimeLength(), "frame_presentation_time");
        }
        boolean showable = show ? type != KEY_FRAME : r.flag("showable_frame");
        boolean intra = type == KEY_FRAME || type == INTRA_ONLY_FRAME;
        boolean errorResilient = type == SWITCH_FRAME || (type == KEY_FRAME && show) || r.flag("error_resilient_mode");
        boolean disableCdf = r.flag("disable_cdf_update");
        boolean screen = seq.forceScreenContentTools() == 2 ? r.flag("allow_screen_content_tools")
                : seq.forceScreenContentTools() == 1;
        if (screen && seq.forceIntegerMv() == 2) {
            r.skip(1, "force_integer_mv");
        }
        if (seq.frameIdNumbersPresent()) {
            r.skip(seq.frameIdLength(), "current_frame_id");
        }
        boolean override = type == SWITCH_FRAME || r.flag("frame_size_override_flag");
        int orderHint = r.u(seq.orderHintBits(), "order_hint");
        int primary = intra || errorResilient ? PRIMARY_REF_NONE : r.u(3, "primary_ref_frame");
        return new FrameHeader(false, type, show, -1, showable, errorResilient, disableCdf, screen, override, orderHint,
                primary);
    }
}
