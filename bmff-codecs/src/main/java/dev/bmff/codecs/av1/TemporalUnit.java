package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A temporal unit as an MP4 sample (AV1-ISOBMFF 2.4): its OBUs without the temporal delimiter, whether it is a sync
 * sample (it holds a sequence header and its first frame is a key frame that is shown), and the sequence header it
 * carries.
 *
 * <pre>{@code
 * TemporalUnit tu = TemporalUnit.of(temporalUnitBytes, previousSequenceHeader);
 * writer.write(new Sample(0, tu.sample(), dts, 0, duration, tu.sync()));
 * }</pre>
 *
 * @param sample the OBUs of the temporal unit, temporal delimiters (and padding OBUs) removed
 * @param sync a sync sample as AV1-ISOBMFF 2.4 defines it
 * @param frames frame headers in the unit (frame and frame header OBUs): more than shown with hidden frames (alt-refs)
 * @param shownFrames frames shown by the unit (show_frame or show_existing_frame); 1 in a conforming unit
 * @param sequenceHeaderObu the unit's first sequence header OBU (with its header), if it has one
 */
public record TemporalUnit(Bytes sample, boolean sync, int frames, int shownFrames, Optional<Bytes> sequenceHeaderObu) {

    /**
     * Reads a temporal unit whose OBUs all have size fields (the low-overhead format of Section 5, an IVF frame).
     *
     * @param sequence the sequence header in force before this unit (null: the unit must carry one before its first
     *     frame)
     * @throws BitstreamException OBUs that do not parse, or a frame before any sequence header ({@code MISSING})
     */
    public static TemporalUnit of(byte[] data, SequenceHeader sequence) throws BitstreamException {
        List<Obus.Obu> obus = Obus.split(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        SequenceHeader seq = sequence;
        Bytes seqObu = null;
        boolean first = true;
        boolean sync = false;
        int shown = 0;
        int frames = 0;
        for (Obus.Obu o : obus) {
            ObuHeader h = o.header();
            if (h.type() == ObuHeader.TEMPORAL_DELIMITER || h.type() == ObuHeader.PADDING) {
                continue;
            }
            if (!h.hasSizeField()) {
                throw BitstreamException.atByte(Kind.INVALID, o.offset(), "OBU of type " + h.type()
                        + " without obu_size: not the low-overhead bitstream format");
            }
            out.write(data, o.offset(), o.length());
            if (h.type() == ObuHeader.SEQUENCE_HEADER) {
                try {
                    seq = SequenceHeader.parse(data, o.payloadOffset(), (int) h.payloadSize());
                } catch (BitstreamException e) {
                    throw e.shifted(8L * o.payloadOffset());
                }
                if (seqObu == null) {
                    seqObu = Bytes.of(data, o.offset(), o.length());
                }
            } else if (h.type() == ObuHeader.FRAME_HEADER || h.type() == ObuHeader.FRAME) {
                if (seq == null) {
                    throw BitstreamException.atByte(Kind.MISSING, o.offset(), "a frame before any sequence header");
                }
                FrameHeader f;
                try {
                    f = FrameHeader.parse(data, o.payloadOffset(), (int) h.payloadSize(), seq);
                } catch (BitstreamException e) {
                    throw e.shifted(8L * o.payloadOffset());
                }
                if (first) {
                    sync = seqObu != null && f.shownKeyFrame();
                    first = false;
                }
                frames++;
                if (f.showFrame()) {
                    shown++;
                }
            }
        }
        return new TemporalUnit(Bytes.of(out.toByteArray()), sync, frames, shown, Optional.ofNullable(seqObu));
    }
}
