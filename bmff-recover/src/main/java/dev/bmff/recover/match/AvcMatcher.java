package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.h264.NalHeader;
import dev.bmff.codecs.h264.PictureOrder;
import dev.bmff.codecs.h264.PocCalculator;
import dev.bmff.codecs.h264.Pps;
import dev.bmff.codecs.h264.SliceHeader;
import dev.bmff.codecs.h264.Sps;
import dev.bmff.core.box.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * H.264 pictures (avc1/avc3) in length-prefixed form. Slice headers are parsed with the reference's SPS and
 * PPS, which both confirms a match (a foreign stream names unknown parameter sets or breaks the syntax) and
 * gives frame_num and POC.
 *
 * <pre>{@code
 * SampleMatcher m = AvcMatcher.of(AvcConfiguration.parse(avcC), 4 << 20);
 * }</pre>
 */
public final class AvcMatcher extends NalPictureMatcher {
    private final Map<Integer, Sps> sps = new HashMap<>();
    private final Map<Integer, Pps> pps = new HashMap<>();
    private final PocCalculator poc = new PocCalculator();

    private AvcMatcher(int lengthSize, long maxSampleSize) {
        super(lengthSize, 1, maxSampleSize);
    }

    /** A matcher for the stream {@code config} describes; samples above {@code maxSampleSize} are refused. */
    public static AvcMatcher of(AvcConfiguration config, long maxSampleSize) throws BitstreamException {
        AvcMatcher m = new AvcMatcher(config.nalLengthSize(), maxSampleSize);
        for (Bytes b : config.sequenceParameterSets()) {
            Sps s = Sps.parse(b.toArray());
            m.sps.put(s.seqParameterSetId(), s);
        }
        for (Bytes b : config.pictureParameterSets()) {
            Pps p = Pps.parse(b.toArray(), m.sps);
            m.pps.put(p.picParameterSetId(), p);
        }
        if (m.sps.isEmpty() || m.pps.isEmpty()) {
            throw new BitstreamException("avcC has no SPS or no PPS");
        }
        return m;
    }

    @Override
    Kind classify(byte[] data, int i) {
        int b = data[i] & 0xFF;
        if ((b & 0x80) != 0) {
            return Kind.INVALID;
        }
        int refIdc = b >> 5;
        int type = b & 0x1F;
        return switch (type) {
            case NalHeader.NON_IDR_SLICE -> Kind.SLICE;
            case NalHeader.IDR_SLICE -> refIdc != 0 ? Kind.SLICE : Kind.INVALID;
            // 7.4.1: nal_ref_idc is 0 for SEI, AUD, end of sequence/stream and filler; not 0 for SPS/PPS.
            case NalHeader.SEI -> refIdc == 0 ? Kind.PREFIX : Kind.INVALID;
            case NalHeader.ACCESS_UNIT_DELIMITER -> refIdc == 0 ? Kind.PICTURE_START : Kind.INVALID;
            case NalHeader.SPS, NalHeader.PPS -> refIdc != 0 ? Kind.PICTURE_START : Kind.INVALID;
            case NalHeader.END_OF_SEQUENCE, NalHeader.END_OF_STREAM, NalHeader.FILLER_DATA ->
                    refIdc == 0 ? Kind.SUFFIX : Kind.INVALID;
            default -> Kind.INVALID;
        };
    }

    @Override
    Object firstSlice(byte[] nal) throws BitstreamException {
        SliceHeader sh = SliceHeader.parse(nal, sps, pps);
        return sh.firstMbInSlice() == 0 && sh.redundantPicCnt() == 0 ? sh : null;
    }

    @Override
    boolean startsPicture(byte[] nal) throws BitstreamException {
        SliceHeader sh = SliceHeader.parse(nal, sps, pps);
        return sh.firstMbInSlice() == 0 && sh.redundantPicCnt() == 0;
    }

    @Override
    boolean keyframe(Object state) {
        return ((SliceHeader) state).isIdr();
    }

    @Override
    public Match commit(Match candidate) {
        PictureOrder order = poc.next((SliceHeader) candidate.state());
        return new Match(candidate.length(), candidate.sync(), 1, order.picOrderCnt(), order.epoch(), null);
    }
}
