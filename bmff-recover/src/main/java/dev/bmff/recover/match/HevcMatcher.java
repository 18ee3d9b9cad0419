package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.hevc.ParameterSets;
import dev.bmff.codecs.hevc.PocCalculator;
import dev.bmff.codecs.hevc.SliceSegmentHeader;
import dev.bmff.core.box.Bytes;

/**
 * HEVC pictures (hvc1/hev1) in length-prefixed form; slice segment headers are parsed with the reference's
 * VPS/SPS/PPS for first_slice_segment_in_pic_flag and the POC.
 *
 * <pre>{@code
 * SampleMatcher m = HevcMatcher.of(HevcConfiguration.parse(hvcC), 4 << 20);
 * }</pre>
 */
public final class HevcMatcher extends NalPictureMatcher {
    private final ParameterSets sets = new ParameterSets();
    private final PocCalculator poc = new PocCalculator();
    private int epoch;

    private HevcMatcher(int lengthSize, long maxSampleSize) {
        super(lengthSize, 2, maxSampleSize);
    }

    /** A matcher for the stream {@code config} describes; samples above {@code maxSampleSize} are refused. */
    public static HevcMatcher of(HevcConfiguration config, long maxSampleSize) throws BitstreamException {
        HevcMatcher m = new HevcMatcher(config.nalLengthSize(), maxSampleSize);
        for (Bytes b : config.nalUnits()) {
            m.sets.add(b.toArray());
        }
        return m;
    }

    @Override
    Kind classify(byte[] data, int i) {
        int b0 = data[i] & 0xFF;
        int b1 = data[i + 1] & 0xFF;
        int type = (b0 >> 1) & 0x3F;
        int layer = ((b0 & 1) << 5) | (b1 >> 3);
        int tidPlus1 = b1 & 7;
        if ((b0 & 0x80) != 0 || layer != 0 || tidPlus1 == 0) {
            return Kind.INVALID;
        }
        if (type <= NalHeader.RASL_R || (type >= NalHeader.BLA_W_LP && type <= NalHeader.CRA_NUT)) {
            // 7.4.2.2: IRAP pictures have TemporalId 0.
            return type >= NalHeader.BLA_W_LP && tidPlus1 != 1 ? Kind.INVALID : Kind.SLICE;
        }
        return switch (type) {
            case NalHeader.VPS_NUT, NalHeader.SPS_NUT, NalHeader.PPS_NUT, NalHeader.AUD_NUT -> Kind.PICTURE_START;
            case NalHeader.PREFIX_SEI_NUT -> Kind.PREFIX;
            case NalHeader.SUFFIX_SEI_NUT, NalHeader.EOS_NUT, NalHeader.EOB_NUT, NalHeader.FD_NUT -> Kind.SUFFIX;
            default -> Kind.INVALID;
        };
    }

    @Override
    Object firstSlice(byte[] nal) throws BitstreamException {
        SliceSegmentHeader sh = SliceSegmentHeader.parse(nal, sets);
        return sh.firstSliceSegmentInPic() ? sh : null;
    }

    @Override
    boolean startsPicture(byte[] nal) {
        // first_slice_segment_in_pic_flag is the first bit after the two header bytes.
        return nal.length > 2 && (nal[2] & 0x80) != 0;
    }

    @Override
    boolean keyframe(Object state) {
        return ((SliceSegmentHeader) state).nalHeader().isIrap();
    }

    @Override
    public Match commit(Match candidate) {
        SliceSegmentHeader sh = (SliceSegmentHeader) candidate.state();
        if (sh.nalHeader().isIdr() || sh.nalHeader().isBla()) {
            // The POC restarts at IDR and BLA pictures: a new epoch of presentation order.
            epoch++;
        }
        PocCalculator.Picture pic = poc.next(sh);
        return new Match(candidate.length(), candidate.sync(), 1, pic.poc(), epoch, null);
    }
}
