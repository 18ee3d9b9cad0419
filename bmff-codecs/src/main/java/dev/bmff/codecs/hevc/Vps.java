package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A video parameter set (H.265 7.3.2.1) up to the VPS extension, which is not parsed.
 *
 * <pre>{@code
 * Vps vps = Vps.parse(vpsNalUnit);              // the whole NAL unit, 2-byte header included
 * int subLayers = vps.maxSubLayersMinus1() + 1;
 * vps.timing().ifPresent(t -> System.out.println(t.frameRate()));
 * }</pre>
 *
 * @param timing vps_timing_info, without HRD (the VPS's HRDs are in {@code hrd})
 * @param hrd the vps_num_hrd_parameters HRDs, each for layer set {@code hrdLayerSetIdx.get(i)}
 */
public record Vps(int id, boolean baseLayerInternal, boolean baseLayerAvailable, int maxLayersMinus1,
        int maxSubLayersMinus1, boolean temporalIdNesting, ProfileTierLevel profileTierLevel,
        List<SubLayerOrdering> subLayerOrdering, int maxLayerId, int numLayerSetsMinus1, Optional<TimingInfo> timing,
        List<Integer> hrdLayerSetIdx, List<HrdParameters> hrd, boolean extension) {
    public Vps {
        subLayerOrdering = List.copyOf(subLayerOrdering);
        hrdLayerSetIdx = List.copyOf(hrdLayerSetIdx);
        hrd = List.copyOf(hrd);
    }

    /** Parses a VPS NAL unit (type 32), header included. */
    public static Vps parse(byte[] nal) throws BitstreamException {
        return parse(nal, false);
    }

    /**
     * With {@code strict}, also checks that the RBSP ends exactly where the syntax does (when there are no
     * unparsed extensions): a test that every field was read with the right width.
     */
    static Vps parse(byte[] nal, boolean strict) throws BitstreamException {
        BitReader r = HevcNal.open(nal, NalHeader.VPS_NUT, "video_parameter_set_rbsp");
        int id = r.u(4, "vps_video_parameter_set_id");
        boolean internal = r.flag("vps_base_layer_internal_flag");
        boolean available = r.flag("vps_base_layer_available_flag");
        int maxLayers = r.u(6, "vps_max_layers_minus1");
        int maxSub = r.u(3, "vps_max_sub_layers_minus1");
        if (maxSub > 6) {
            throw r.error(Kind.OUT_OF_RANGE, r.position() - 3, "vps_max_sub_layers_minus1: 7 outside 0..6");
        }
        boolean nesting = r.flag("vps_temporal_id_nesting_flag");
        r.skip(16, "vps_reserved_0xffff_16bits");
        ProfileTierLevel ptl = ProfileTierLevel.parse(r, maxSub);
        boolean orderingForAll = r.flag("vps_sub_layer_ordering_info_present_flag");
        List<SubLayerOrdering> ordering = SubLayerOrdering.parse(r, orderingForAll, maxSub, "vps");
        int maxLayerId = r.u(6, "vps_max_layer_id");
        int numLayerSets = r.ue("vps_num_layer_sets_minus1", 0, 1023);
        // layer_id_included_flag[i][j]: not kept, but bounded by the bits present before skipping.
        r.skip((long) numLayerSets * (maxLayerId + 1), "layer_id_included_flag");
        Optional<TimingInfo> timing = Optional.empty();
        List<Integer> hrdIdx = new ArrayList<>();
        List<HrdParameters> hrds = new ArrayList<>();
        if (r.flag("vps_timing_info_present_flag")) {
            timing = Optional.of(Vui.parseTiming(r, "vps", maxSub));
            int numHrd = r.ue("vps_num_hrd_parameters", 0, numLayerSets + 1);
            for (int i = 0; i < numHrd; i++) {
                hrdIdx.add(r.ue("hrd_layer_set_idx", 0, numLayerSets));
                boolean common = i == 0 || r.flag("cprms_present_flag");
                hrds.add(HrdParameters.parse(r, common, maxSub));
            }
        }
        boolean extension = r.flag("vps_extension_flag");
        if (strict && !extension) {
            HevcNal.checkTrailingBits(r, "Vps");
        }
        return new Vps(id, internal, available, maxLayers, maxSub, nesting, ptl, ordering, maxLayerId, numLayerSets,
                timing, hrdIdx, hrds, extension);
    }
}
