package dev.bmff.codecs.h264;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.ArrayList;
import java.util.List;

/**
 * One scaling list of an SPS or PPS scaling matrix (7.3.2.1.1.1), in the zig-zag order the bitstream
 * sends it.
 *
 * <pre>{@code
 * ScalingList l = sps.scalingMatrix().lists().get(0);
 * if (l.state() == ScalingList.State.EXPLICIT) System.out.println(l.values());
 * }</pre>
 *
 * @param state whether the list was sent, and how
 * @param values 16 or 64 weights for {@code EXPLICIT} and {@code DEFAULT} (Tables 7-3/7-4), empty for
 *     {@code NOT_PRESENT}, where the fall-back rule picks the list
 */
public record ScalingList(State state, List<Integer> values) {
    /** How a list was signalled. */
    public enum State {
        /** scaling_list_present_flag was 0: fall-back rule A (SPS) or B (PPS) applies. */
        NOT_PRESENT,
        /** Sent with a first delta that gives 0: useDefaultScalingMatrixFlag. */
        DEFAULT,
        /** Sent in full (a trailing run may repeat the last weight). */
        EXPLICIT
    }

    static final List<Integer> DEFAULT_4X4_INTRA = List.of(6, 13, 13, 20, 20, 20, 28, 28, 28, 28, 32, 32, 32, 37,
            37, 42);
    static final List<Integer> DEFAULT_4X4_INTER = List.of(10, 14, 14, 20, 20, 20, 24, 24, 24, 24, 27, 27, 27, 30,
            30, 34);
    static final List<Integer> DEFAULT_8X8_INTRA = List.of(6, 10, 10, 13, 11, 13, 16, 16, 16, 16, 18, 18, 18, 18,
            18, 23, 23, 23, 23, 23, 23, 25, 25, 25, 25, 25, 25, 25, 27, 27, 27, 27, 27, 27, 27, 27, 29, 29, 29, 29, 29,
            29, 29, 31, 31, 31, 31, 31, 31, 33, 33, 33, 33, 33, 36, 36, 36, 36, 38, 38, 38, 40, 40, 42);
    static final List<Integer> DEFAULT_8X8_INTER = List.of(9, 13, 13, 15, 13, 15, 17, 17, 17, 17, 19, 19, 19, 19,
            19, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22, 24, 24, 24, 24, 24, 24, 24, 24, 25, 25, 25, 25, 25,
            25, 25, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28, 30, 30, 30, 30, 32, 32, 32, 33, 33, 35);

    public ScalingList {
        values = List.copyOf(values);
        if ((state == State.NOT_PRESENT) != values.isEmpty()) {
            throw new IllegalArgumentException("a list has values exactly when it was sent: " + state);
        }
    }

    /** The Table 7-3/7-4 default for list {@code index} (0-5 are 4x4, 6-11 8x8; even 8x8 indexes are intra). */
    static List<Integer> defaultFor(int index) {
        if (index < 6) {
            return index < 3 ? DEFAULT_4X4_INTRA : DEFAULT_4X4_INTER;
        }
        return (index & 1) == 0 ? DEFAULT_8X8_INTRA : DEFAULT_8X8_INTER;
    }

    /** Reads scaling_list() for list {@code index}: 16 weights for indexes 0-5, 64 otherwise. */
    static ScalingList read(BitReader r, int index) throws BitstreamException {
        int size = index < 6 ? 16 : 64;
        List<Integer> values = new ArrayList<>(size);
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size; j++) {
            if (nextScale != 0) {
                int delta = r.se("delta_scale", -128, 127);
                nextScale = (lastScale + delta + 256) % 256;
                if (j == 0 && nextScale == 0) {
                    // A first weight of 0 means "use the default list"; no further deltas are sent.
                    return new ScalingList(State.DEFAULT, defaultFor(index));
                }
            }
            int v = nextScale == 0 ? lastScale : nextScale;
            values.add(v);
            lastScale = v;
        }
        return new ScalingList(State.EXPLICIT, values);
    }

    /** The flag-and-list loop shared by the SPS and the PPS: {@code count} lists. */
    static List<ScalingList> readAll(BitReader r, int count, String flagName) throws BitstreamException {
        List<ScalingList> lists = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lists.add(r.flag(flagName + "[" + i + "]") ? read(r, i) : new ScalingList(State.NOT_PRESENT, List.of()));
        }
        return lists;
    }
}
