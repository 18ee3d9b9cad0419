package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.hevc.ParameterSets;
import dev.bmff.codecs.hevc.PocCalculator;
import dev.bmff.codecs.hevc.SliceSegmentHeader;
import dev.bmff.codecs.hevc.Pps;
import dev.bmff.codecs.hevc.Sps;
import dev.bmff.codecs.hevc.Vps;
import dev.bmff.core.box.Bytes;
import dev.bmff.recover.model.NalVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** The kind of each unit by its first 13 header bits: forbidden_zero_bit, nal_unit_type, nuh_layer_id. */
    private final Kind[] kinds = new Kind[1 << 13];
    /** The SPS and PPS this track knows (hvcC, then the reference's in-band ones), by id. */
    private final Map<Integer, List<Sps>> knownSps = new HashMap<>();
    private final Map<Integer, List<Pps>> knownPps = new HashMap<>();
    private int epoch;

    private HevcMatcher(int lengthSize, long maxSampleSize, Attribution attribution, boolean oneSlicePerPicture) {
        super(lengthSize, 2, maxSampleSize, attribution, oneSlicePerPicture);
    }

    /**
     * A matcher for the stream {@code config} describes that accepts the textbook NAL units of layer 0 only;
     * samples above {@code maxSampleSize} are refused.
     */
    public static HevcMatcher of(HevcConfiguration config, long maxSampleSize) throws BitstreamException {
        return of(config, NalVocabulary.NONE, false, maxSampleSize);
    }

    /**
     * A matcher for the stream {@code config} describes that also accepts the NAL units (types and layers) the
     * reference's samples showed, where they showed them.
     *
     * @param sharesCodec another video track of the recording is HEVC too: a picture is taken only when its
     *     in-band parameter sets are this track's, and when it carries them if the reference's pictures always did
     */
    public static HevcMatcher of(HevcConfiguration config, NalVocabulary vocabulary, boolean sharesCodec,
            long maxSampleSize) throws BitstreamException {
        HevcMatcher m = new HevcMatcher(config.nalLengthSize(), maxSampleSize,
                Attribution.of(sharesCodec, vocabulary), vocabulary.oneSlicePerPicture());
        for (Bytes b : config.nalUnits()) {
            m.sets.add(b.toArray());
            m.know(b.toArray());
        }
        for (Bytes b : vocabulary.parameterSets()) {
            byte[] nal = b.toArray();
            try {
                m.know(nal);
                if (m.unknownId(nal)) {
                    // A set the samples carry and the hvcC lacks (hev1): the decoder uses it, so do we.
                    m.sets.add(nal);
                }
            } catch (BitstreamException e) {
                // An in-band set we cannot parse (an extension layer's): it decodes no base-layer slice.
            }
        }
        for (int index = 0; index < m.kinds.length; index++) {
            int type = (index >> 6) & 0x3F;
            int layer = index & 0x3F;
            Kind textbook = (index >> 12) != 0 ? Kind.INVALID : layer != 0 ? Kind.INVALID : textbook(type);
            m.kinds[index] = (index >> 12) != 0 ? Kind.INVALID
                    : learned(textbook, vocabulary.placement(type, layer));
        }
        return m;
    }

    private void know(byte[] nal) throws BitstreamException {
        switch (NalHeader.parse(nal).type()) {
            case NalHeader.SPS_NUT -> {
                Sps s = Sps.parse(nal);
                knownSps.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s);
            }
            case NalHeader.PPS_NUT -> {
                Pps pp = Pps.parse(nal);
                knownPps.computeIfAbsent(pp.id(), k -> new ArrayList<>()).add(pp);
            }
            default -> {
            }
        }
    }

    private boolean unknownId(byte[] nal) throws BitstreamException {
        return switch (NalHeader.parse(nal).type()) {
            case NalHeader.VPS_NUT -> sets.vps(Vps.parse(nal).id()).isEmpty();
            case NalHeader.SPS_NUT -> sets.sps(Sps.parse(nal).id()).isEmpty();
            case NalHeader.PPS_NUT -> sets.pps(Pps.parse(nal).id()).isEmpty();
            default -> false;
        };
    }

    /** The Table 7-1 role of a layer-0 unit type. */
    private static Kind textbook(int type) {
        if (type <= NalHeader.RASL_R || (type >= NalHeader.BLA_W_LP && type <= NalHeader.CRA_NUT)) {
            return Kind.SLICE;
        }
        return switch (type) {
            case NalHeader.VPS_NUT, NalHeader.SPS_NUT, NalHeader.PPS_NUT, NalHeader.AUD_NUT -> Kind.PICTURE_START;
            case NalHeader.PREFIX_SEI_NUT -> Kind.PREFIX;
            case NalHeader.SUFFIX_SEI_NUT, NalHeader.EOS_NUT, NalHeader.EOB_NUT, NalHeader.FD_NUT -> Kind.SUFFIX;
            default -> Kind.INVALID;
        };
    }

    @Override
    Kind classify(byte[] data, int i) {
        int b0 = data[i] & 0xFF;
        int b1 = data[i + 1] & 0xFF;
        int tidPlus1 = b1 & 7;
        Kind k = kinds[(b0 << 5) | (b1 >> 3)];
        if (tidPlus1 == 0) {
            return Kind.INVALID;
        }
        // 7.4.2.2: IRAP pictures have TemporalId 0.
        return k == Kind.SLICE && ((b0 >> 1) & 0x3F) >= NalHeader.BLA_W_LP && tidPlus1 != 1 ? Kind.INVALID : k;
    }

    @Override
    boolean parameterSet(byte[] data, int i) {
        int type = (data[i] >> 1) & 0x3F;
        int layer = ((data[i] & 1) << 5) | ((data[i + 1] & 0xFF) >> 3);
        return layer == 0 && (type == NalHeader.SPS_NUT || type == NalHeader.PPS_NUT);
    }

    @Override
    boolean foreignParameterSet(byte[] nal) {
        try {
            if (NalHeader.parse(nal).type() == NalHeader.SPS_NUT) {
                Sps s = Sps.parse(nal);
                for (Sps k : knownSps.getOrDefault(s.id(), List.of())) {
                    if (k.picWidthInLumaSamples() == s.picWidthInLumaSamples()
                            && k.picHeightInLumaSamples() == s.picHeightInLumaSamples()
                            && k.chromaFormatIdc() == s.chromaFormatIdc()
                            && k.bitDepthLumaMinus8() == s.bitDepthLumaMinus8()
                            && k.bitDepthChromaMinus8() == s.bitDepthChromaMinus8()) {
                        return false;
                    }
                }
                return true;
            }
            Pps pp = Pps.parse(nal);
            for (Pps k : knownPps.getOrDefault(pp.id(), List.of())) {
                if (k.spsId() == pp.spsId()) {
                    return false;
                }
            }
            return true;
        } catch (BitstreamException e) {
            return true;
        }
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
