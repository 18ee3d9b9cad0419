package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitstreamException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The active VPS, SPS and PPS of a stream by id, as a decoder keeps them: a later set with the same id
 * replaces the earlier one (in-band parameter sets of {@code hev1} streams). Not thread-safe.
 *
 * <pre>{@code
 * ParameterSets sets = new ParameterSets();
 * for (byte[] nal : hvcC.nalUnits()) sets.add(nal);
 * SliceSegmentHeader sh = SliceSegmentHeader.parse(sliceNal, sets);
 * }</pre>
 */
public final class ParameterSets {
    private final Map<Integer, Vps> vps = new HashMap<>();
    private final Map<Integer, Sps> sps = new HashMap<>();
    private final Map<Integer, Pps> pps = new HashMap<>();

    /**
     * Parses and keeps {@code nal} if it is a VPS, SPS or PPS.
     *
     * @return true if it was one of them, false for any other NAL unit type (ignored)
     */
    public boolean add(byte[] nal) throws BitstreamException {
        switch (NalHeader.parse(nal).type()) {
            case NalHeader.VPS_NUT -> {
                Vps v = Vps.parse(nal);
                vps.put(v.id(), v);
            }
            case NalHeader.SPS_NUT -> {
                Sps s = Sps.parse(nal);
                sps.put(s.id(), s);
            }
            case NalHeader.PPS_NUT -> {
                Pps p = Pps.parse(nal);
                pps.put(p.id(), p);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    public Optional<Vps> vps(int id) {
        return Optional.ofNullable(vps.get(id));
    }

    public Optional<Sps> sps(int id) {
        return Optional.ofNullable(sps.get(id));
    }

    public Optional<Pps> pps(int id) {
        return Optional.ofNullable(pps.get(id));
    }
}
