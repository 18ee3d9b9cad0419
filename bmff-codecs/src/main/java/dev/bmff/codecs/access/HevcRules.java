package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.hevc.ParameterSets;
import dev.bmff.codecs.hevc.PocCalculator;
import dev.bmff.codecs.hevc.Pps;
import dev.bmff.codecs.hevc.SliceSegmentHeader;
import dev.bmff.codecs.hevc.Sps;
import dev.bmff.codecs.hevc.Vps;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** HEVC access-unit rules (7.4.2.4.4), base layer only: units of other layers stay in the current access unit. */
final class HevcRules implements CodecRules {
    private final ParameterSets sets = new ParameterSets();
    private final Map<Integer, byte[]> vps = new TreeMap<>();
    private final Map<Integer, byte[]> sps = new TreeMap<>();
    private final Map<Integer, byte[]> pps = new TreeMap<>();
    private final PocCalculator poc = new PocCalculator();
    private int epoch;

    @Override
    public ClassifiedNal classify(byte[] nal, boolean tolerant) throws BitstreamException {
        NalHeader h = NalHeader.parse(nal);
        if (h.layerId() > 0) {
            return ClassifiedNal.of(nal, NalRole.SUFFIX);
        }
        int t = h.type();
        if (t < 32) {
            return slice(nal, h, tolerant);
        }
        switch (t) {
            case NalHeader.VPS_NUT -> {
                vps.put(Vps.parse(nal).id(), nal);
            }
            case NalHeader.SPS_NUT -> {
                sps.put(Sps.parse(nal).id(), nal);
            }
            case NalHeader.PPS_NUT -> {
                pps.put(Pps.parse(nal).id(), nal);
            }
            case NalHeader.AUD_NUT -> {
                return ClassifiedNal.of(nal, NalRole.DELIMITER);
            }
            case NalHeader.EOS_NUT -> {
                poc.endOfSequence();
                return ClassifiedNal.of(nal, NalRole.SUFFIX);
            }
            default -> {
                // 7.4.2.4.4: prefix SEI, 41..44 and 48..55 may only come before the first slice of a picture.
                boolean prefix = t == NalHeader.PREFIX_SEI_NUT || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
                return ClassifiedNal.of(nal, prefix ? NalRole.PREFIX : NalRole.SUFFIX);
            }
        }
        sets.add(nal);
        return ClassifiedNal.of(nal, NalRole.PARAMETER_SET);
    }

    @Override
    public int bytesToClassify(byte[] data, int offset, int length) {
        // Type in bits 1..6 of the first byte; slices are types 0 to 31 (a unit of another layer is not parsed).
        boolean slice = length >= 2 && ((data[offset] >> 1) & 0x3F) < 32;
        return slice ? Math.min(length, SLICE_PREFIX) : length;
    }

    private ClassifiedNal slice(byte[] nal, NalHeader h, boolean tolerant) throws BitstreamException {
        if (nal.length < 3) {
            throw BitstreamException.atByte(Kind.TRUNCATED, nal.length, "slice_segment_header: " + nal.length
                    + "-byte NAL unit");
        }
        boolean first = (nal[2] & 0x80) != 0;
        if (!first) {
            return new ClassifiedNal(nal, NalRole.SLICE, false, h.isIrap(), false, 0, 0);
        }
        SliceSegmentHeader sh;
        try {
            sh = SliceSegmentHeader.parse(nal, sets);
        } catch (BitstreamException e) {
            if (!tolerant) {
                throw e;
            }
            return new ClassifiedNal(nal, NalRole.SLICE, true, h.isIrap(), false, 0, 0);
        }
        if (tolerant && !h.isIrap()) {
            // Before the first keyframe: these pictures are dropped, and must not steer the POC of later ones.
            return new ClassifiedNal(nal, NalRole.SLICE, true, false, false, 0, 0);
        }
        PocCalculator.Picture p = poc.next(sh);
        if (p.irap() && p.noRaslOutputFlag()) {
            epoch++;
        }
        return new ClassifiedNal(nal, NalRole.SLICE, true, h.isIrap(), true, p.poc(), epoch);
    }

    @Override
    public boolean hasConfiguration() {
        return !vps.isEmpty() && !sps.isEmpty() && !pps.isEmpty();
    }

    @Override
    public HevcConfiguration configuration() throws BitstreamException {
        List<byte[]> units = new ArrayList<>(vps.values());
        units.addAll(sps.values());
        units.addAll(pps.values());
        return HevcConfiguration.of(units);
    }

    @Override
    public boolean isIn(Object configuration, byte[] nal) {
        return ((HevcConfiguration) configuration).nalUnits().contains(Bytes.of(nal));
    }
}
