package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * scaling_list_data() (H.265 7.3.4, semantics 7.4.5) resolved to the coefficient lists it describes: a
 * list copied from a reference list (or the Table 7-5/7-6 default when the delta is 0) is stored as
 * the copy, so callers never need to follow references.
 *
 * <pre>{@code
 * ScalingList sl = sps.scalingList().orElse(ScalingList.defaults());
 * int firstIntra8x8 = sl.coefficients(1, 0).get(0);   // sizeId 1 (8x8), matrixId 0 (intra Y)
 * }</pre>
 *
 * @param lists lists.get(sizeId).get(matrixId): 16 coefficients for sizeId 0, 64 otherwise, in
 *     up-right diagonal scan order as coded; sizeId 3 has entries only at matrixId 0 and 3 (the others
 *     are empty: 4:4:4 chroma 32x32 lists are derived from the 16x16 ones, 7.3.4)
 * @param dc dc.get(sizeId - 2).get(matrixId): scaling_list_dc_coef_minus8 + 8 for 16x16 and 32x32
 */
public record ScalingList(List<List<List<Integer>>> lists, List<List<Integer>> dc) {
    private static final List<Integer> FLAT_4X4 = Collections.nCopies(16, 16);
    private static final List<Integer> DEFAULT_INTRA = List.of(16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 16,
            17, 16, 17, 18, 17, 18, 18, 17, 18, 21, 19, 20, 21, 20, 19, 21, 24, 22, 22, 24, 24, 22, 22, 24, 25, 25,
            27, 30, 27, 25, 25, 29, 31, 35, 35, 31, 29, 36, 41, 44, 41, 36, 47, 54, 54, 47, 65, 70, 65, 88, 88,
            115);
    private static final List<Integer> DEFAULT_INTER = List.of(16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17,
            17, 17, 17, 18, 18, 18, 18, 18, 18, 20, 20, 20, 20, 20, 20, 20, 24, 24, 24, 24, 24, 24, 24, 24, 25, 25,
            25, 25, 25, 25, 25, 28, 28, 28, 28, 28, 28, 33, 33, 33, 33, 33, 41, 41, 41, 41, 54, 54, 54, 71, 71,
            91);

    public ScalingList {
        List<List<List<Integer>>> l = new ArrayList<>();
        for (List<List<Integer>> s : lists) {
            List<List<Integer>> m = new ArrayList<>();
            for (List<Integer> c : s) {
                m.add(List.copyOf(c));
            }
            l.add(List.copyOf(m));
        }
        lists = List.copyOf(l);
        List<List<Integer>> d = new ArrayList<>();
        for (List<Integer> c : dc) {
            d.add(List.copyOf(c));
        }
        dc = List.copyOf(d);
    }

    /** The coefficients of one list (sizeId 0..3, matrixId 0..5). */
    public List<Integer> coefficients(int sizeId, int matrixId) {
        return lists.get(sizeId).get(matrixId);
    }

    /** The Table 7-5/7-6 default list for sizeId and matrixId (matrixId 0-2 intra, 3-5 inter). */
    public static List<Integer> defaultList(int sizeId, int matrixId) {
        return sizeId == 0 ? FLAT_4X4 : matrixId < 3 ? DEFAULT_INTRA : DEFAULT_INTER;
    }

    /** What applies when scaling_list_enabled_flag is 1 but no data is sent: every list at its default. */
    public static ScalingList defaults() {
        List<List<List<Integer>>> lists = new ArrayList<>();
        List<List<Integer>> dc = new ArrayList<>();
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            List<List<Integer>> m = new ArrayList<>();
            List<Integer> d = new ArrayList<>();
            for (int matrixId = 0; matrixId < 6; matrixId++) {
                boolean coded = sizeId < 3 || matrixId % 3 == 0;
                m.add(coded ? defaultList(sizeId, matrixId) : List.of());
                d.add(16);
            }
            lists.add(m);
            if (sizeId >= 2) {
                dc.add(d);
            }
        }
        return new ScalingList(lists, dc);
    }

    /** Parses scaling_list_data(). */
    public static ScalingList parse(BitReader r) throws BitstreamException {
        List<List<List<Integer>>> lists = new ArrayList<>();
        List<List<Integer>> dcs = new ArrayList<>();
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            List<List<Integer>> m = new ArrayList<>();
            Integer[] dc = new Integer[6];
            int step = sizeId == 3 ? 3 : 1;
            for (int matrixId = 0; matrixId < 6; matrixId++) {
                if (matrixId % step != 0) {
                    m.add(List.of());
                    dc[matrixId] = 16;
                    continue;
                }
                if (!r.flag("scaling_list_pred_mode_flag")) {
                    // The delta counts lists of this size back, in steps of 3 for 32x32 (7.4.5).
                    int delta = r.ue("scaling_list_pred_matrix_id_delta", 0, matrixId / step);
                    if (delta == 0) {
                        m.add(defaultList(sizeId, matrixId));
                        dc[matrixId] = 16;
                    } else {
                        int ref = matrixId - delta * step;
                        m.add(m.get(ref));
                        dc[matrixId] = dc[ref];
                    }
                } else {
                    int next = 8;
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        next = r.se("scaling_list_dc_coef_minus8", -7, 247) + 8;
                        dc[matrixId] = next;
                    } else {
                        dc[matrixId] = 16;
                    }
                    List<Integer> c = new ArrayList<>(coefNum);
                    for (int i = 0; i < coefNum; i++) {
                        long deltaAt = r.position();
                        int delta = r.se("scaling_list_delta_coef", -128, 127);
                        next = (next + delta + 256) % 256;
                        if (next == 0) {
                            // 7.4.5: ScalingList values shall be greater than 0.
                            throw r.error(Kind.OUT_OF_RANGE, deltaAt, "scaling_list_delta_coef: gives a zero coefficient");
                        }
                        c.add(next);
                    }
                    m.add(c);
                }
            }
            lists.add(m);
            if (sizeId >= 2) {
                dcs.add(List.of(dc));
            }
        }
        return new ScalingList(lists, dcs);
    }
}
