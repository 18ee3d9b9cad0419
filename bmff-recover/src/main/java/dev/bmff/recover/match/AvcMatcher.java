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
import dev.bmff.recover.model.NalVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /** The kind of each unit by its header byte (forbidden_zero_bit, nal_ref_idc, nal_unit_type). */
    private final Kind[] kinds = new Kind[256];
    /** The SPS and PPS this track knows (avcC, then the reference's in-band ones), by id. */
    private final Map<Integer, List<Sps>> knownSps = new HashMap<>();
    private final Map<Integer, List<Pps>> knownPps = new HashMap<>();

    private AvcMatcher(int lengthSize, long maxSampleSize, Attribution attribution, boolean oneSlicePerPicture) {
        super(lengthSize, 1, maxSampleSize, attribution, oneSlicePerPicture);
    }

    /**
     * A matcher for the stream {@code config} describes that accepts the textbook NAL units only; samples above
     * {@code maxSampleSize} are refused.
     */
    public static AvcMatcher of(AvcConfiguration config, long maxSampleSize) throws BitstreamException {
        return of(config, NalVocabulary.NONE, false, maxSampleSize);
    }

    /**
     * A matcher for the stream {@code config} describes that also accepts the NAL unit types the reference's
     * samples showed (e.g. prefix NAL units and slice extensions, types 14 and 20), where they showed them.
     *
     * @param sharesCodec another video track of the recording is H.264 too: a picture is taken only when its
     *     in-band parameter sets are this track's, and when it carries them if the reference's pictures always did
     */
    public static AvcMatcher of(AvcConfiguration config, NalVocabulary vocabulary, boolean sharesCodec,
            long maxSampleSize) throws BitstreamException {
        AvcMatcher m = new AvcMatcher(config.nalLengthSize(), maxSampleSize, Attribution.of(sharesCodec, vocabulary),
                vocabulary.oneSlicePerPicture());
        for (Bytes b : config.sequenceParameterSets()) {
            Sps s = Sps.parse(b.toArray());
            m.sps.put(s.seqParameterSetId(), s);
            m.knownSps.computeIfAbsent(s.seqParameterSetId(), k -> new ArrayList<>()).add(s);
        }
        for (Bytes b : config.pictureParameterSets()) {
            Pps p = Pps.parse(b.toArray(), m.sps);
            m.pps.put(p.picParameterSetId(), p);
            m.knownPps.computeIfAbsent(p.picParameterSetId(), k -> new ArrayList<>()).add(p);
        }
        if (m.sps.isEmpty() || m.pps.isEmpty()) {
            throw new BitstreamException(BitstreamException.Kind.MISSING, -1, "avcC has no SPS or no PPS");
        }
        // The reference's in-band sets: SPS first, since a PPS is parsed with its SPS.
        for (int pass = 0; pass < 2; pass++) {
            for (Bytes b : vocabulary.parameterSets()) {
                byte[] nal = b.toArray();
                int type = nal[0] & 0x1F;
                try {
                    if (pass == 0 && type == NalHeader.SPS) {
                        Sps s = Sps.parse(nal);
                        m.knownSps.computeIfAbsent(s.seqParameterSetId(), k -> new ArrayList<>()).add(s);
                        m.sps.putIfAbsent(s.seqParameterSetId(), s);
                    } else if (pass == 1 && type == NalHeader.PPS) {
                        Pps p = Pps.parse(nal, m.sps);
                        m.knownPps.computeIfAbsent(p.picParameterSetId(), k -> new ArrayList<>()).add(p);
                        m.pps.putIfAbsent(p.picParameterSetId(), p);
                    }
                } catch (BitstreamException e) {
                    // A set we cannot parse decodes none of the slices we parse.
                }
            }
        }
        for (int b = 0; b < 128; b++) {
            m.kinds[b] = learned(textbook(b), vocabulary.placement(b & 0x1F, 0));
        }
        for (int b = 128; b < 256; b++) {
            m.kinds[b] = Kind.INVALID;
        }
        return m;
    }

    /**
     * The role of the unit whose header byte is {@code b} (forbidden bit 0) in a textbook stream; types outside
     * the textbook ones (0, 2 to 4, 13 to 31) are invalid unless the reference showed them.
     */
    private static Kind textbook(int b) {
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
    Kind classify(byte[] data, int i) {
        return kinds[data[i] & 0xFF];
    }

    @Override
    boolean parameterSet(byte[] data, int i) {
        int type = data[i] & 0x1F;
        return type == NalHeader.SPS || type == NalHeader.PPS;
    }

    @Override
    boolean foreignParameterSet(byte[] nal) {
        try {
            if ((nal[0] & 0x1F) == NalHeader.SPS) {
                Sps s = Sps.parse(nal);
                for (Sps k : knownSps.getOrDefault(s.seqParameterSetId(), List.of())) {
                    if (k.width() == s.width() && k.height() == s.height()
                            && k.chromaFormatIdc() == s.chromaFormatIdc() && k.bitDepthLuma() == s.bitDepthLuma()
                            && k.bitDepthChroma() == s.bitDepthChroma()) {
                        return false;
                    }
                }
                return true;
            }
            Pps p = Pps.parse(nal, sps);
            for (Pps k : knownPps.getOrDefault(p.picParameterSetId(), List.of())) {
                if (k.seqParameterSetId() == p.seqParameterSetId()) {
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
