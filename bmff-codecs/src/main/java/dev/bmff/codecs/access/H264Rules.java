package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.Rbsp;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.h264.NalHeader;
import dev.bmff.codecs.h264.PictureOrder;
import dev.bmff.codecs.h264.PocCalculator;
import dev.bmff.codecs.h264.Pps;
import dev.bmff.codecs.h264.SliceHeader;
import dev.bmff.codecs.h264.Sps;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** H.264 access-unit rules: 7.4.1.2.3 for the order of NAL units, 7.4.1.2.4 for the first slice of a picture. */
final class H264Rules implements CodecRules {
    private final Map<Integer, Sps> sps = new HashMap<>();
    private final Map<Integer, Pps> pps = new HashMap<>();
    private final Map<Integer, byte[]> spsBytes = new TreeMap<>();
    private final Map<Integer, byte[]> ppsBytes = new TreeMap<>();
    private final PocCalculator poc = new PocCalculator();
    private SliceHeader previous;

    @Override
    public ClassifiedNal classify(byte[] nal, boolean tolerant) throws BitstreamException {
        NalHeader h = NalHeader.of(nal[0]);
        switch (h.nalUnitType()) {
            case NalHeader.SPS -> {
                Sps s = Sps.parse(nal);
                sps.put(s.seqParameterSetId(), s);
                spsBytes.put(s.seqParameterSetId(), nal);
                return ClassifiedNal.of(nal, NalRole.PARAMETER_SET);
            }
            case NalHeader.PPS -> {
                Pps p = Pps.parse(nal, sps);
                pps.put(p.picParameterSetId(), p);
                ppsBytes.put(p.picParameterSetId(), nal);
                return ClassifiedNal.of(nal, NalRole.PARAMETER_SET);
            }
            case NalHeader.ACCESS_UNIT_DELIMITER -> {
                return ClassifiedNal.of(nal, NalRole.DELIMITER);
            }
            case NalHeader.SEI, NalHeader.PREFIX_NAL, NalHeader.SUBSET_SPS, NalHeader.DEPTH_PARAMETER_SET, 17, 18,
                    NalHeader.SPS_EXTENSION -> {
                return ClassifiedNal.of(nal, NalRole.PREFIX);
            }
            case NalHeader.NON_IDR_SLICE, NalHeader.SLICE_DATA_PARTITION_A, NalHeader.IDR_SLICE -> {
                return slice(nal, h, tolerant);
            }
            default -> {
                return ClassifiedNal.of(nal, NalRole.SUFFIX);
            }
        }
    }

    @Override
    public int bytesToClassify(byte[] data, int offset, int length) {
        int type = NalHeader.of(data[offset]).nalUnitType();
        boolean slice = type == NalHeader.NON_IDR_SLICE || type == NalHeader.SLICE_DATA_PARTITION_A
                || type == NalHeader.IDR_SLICE;
        return slice ? Math.min(length, SLICE_PREFIX) : length;
    }

    private ClassifiedNal slice(byte[] nal, NalHeader h, boolean tolerant) throws BitstreamException {
        SliceHeader sh;
        try {
            sh = SliceHeader.parse(nal, sps, pps);
        } catch (BitstreamException e) {
            if (!tolerant) {
                throw e;
            }
            // Joined mid-stream, before the parameter sets: first_mb_in_slice needs none of them.
            previous = null;
            return new ClassifiedNal(nal, NalRole.SLICE, firstMbInSlice(nal) == 0, h.isIdr(), false, 0, 0);
        }
        if (sh.redundantPicCnt() > 0) {
            // A redundant coded picture belongs to the access unit of its primary picture.
            return ClassifiedNal.of(nal, NalRole.SUFFIX);
        }
        boolean first = sh.firstMbInSlice() == 0 || previous == null || differs(previous, sh);
        previous = sh;
        if (!first || (tolerant && !h.isIdr())) {
            // Pictures before the first IDR are dropped, and must not steer the POC of later ones.
            return new ClassifiedNal(nal, NalRole.SLICE, first, h.isIdr(), false, 0, 0);
        }
        PictureOrder order = poc.next(sh);
        return new ClassifiedNal(nal, NalRole.SLICE, true, h.isIdr(), true, order.picOrderCnt(), order.epoch());
    }

    /** 7.4.1.2.4: the fields whose change between two slices means a new primary coded picture. */
    private static boolean differs(SliceHeader a, SliceHeader b) {
        boolean refA = a.nalHeader().isReference();
        boolean refB = b.nalHeader().isReference();
        return a.frameNum() != b.frameNum() || a.pps().picParameterSetId() != b.pps().picParameterSetId()
                || a.fieldPic() != b.fieldPic() || a.bottomField() != b.bottomField() || refA != refB
                || a.picOrderCntLsb() != b.picOrderCntLsb() || a.deltaPicOrderCntBottom() != b.deltaPicOrderCntBottom()
                || a.deltaPicOrderCnt0() != b.deltaPicOrderCnt0() || a.deltaPicOrderCnt1() != b.deltaPicOrderCnt1()
                || a.isIdr() != b.isIdr() || (a.isIdr() && a.idrPicId() != b.idrPicId());
    }

    private static int firstMbInSlice(byte[] nal) throws BitstreamException {
        int n = Math.min(nal.length - 1, 16);
        return Rbsp.reader(nal, 1, n).ue("first_mb_in_slice");
    }

    @Override
    public boolean hasConfiguration() {
        return !spsBytes.isEmpty() && !ppsBytes.isEmpty();
    }

    @Override
    public AvcConfiguration configuration() throws BitstreamException {
        byte[] firstSps = spsBytes.values().iterator().next();
        AvcConfiguration one = AvcConfiguration.of(Sps.parse(firstSps), firstSps,
                ppsBytes.values().iterator().next(), 4);
        return new AvcConfiguration(1, one.profileIndication(), one.profileCompatibility(), one.levelIndication(), 3,
                units(spsBytes), units(ppsBytes), one.highProfileFields());
    }

    private static List<Bytes> units(Map<Integer, byte[]> byId) {
        List<Bytes> out = new ArrayList<>();
        byId.values().forEach(b -> out.add(Bytes.of(b)));
        return out;
    }

    @Override
    public boolean isIn(Object configuration, byte[] nal) {
        AvcConfiguration c = (AvcConfiguration) configuration;
        Bytes b = Bytes.of(nal);
        return c.sequenceParameterSets().contains(b) || c.pictureParameterSets().contains(b);
    }
}
