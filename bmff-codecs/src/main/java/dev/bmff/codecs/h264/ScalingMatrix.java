package dev.bmff.codecs.h264;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scaling lists of an SPS (seq_scaling_matrix) or PPS (pic_scaling_matrix): 6 4x4 lists, then 2 or
 * 6 8x8 lists (6 with 4:4:4 chroma), as signalled; {@link #resolve} applies the fall-back rules of
 * Table 7-2 to give the lists a decoder would use.
 *
 * <pre>{@code
 * List<List<Integer>> weights = sps.scalingMatrix().resolve(null);   // fall-back rule A
 * }</pre>
 *
 * @param lists in index order: 0-2 intra Y/Cb/Cr 4x4, 3-5 inter, then 8x8 intra Y, inter Y, intra Cb...
 */
public record ScalingMatrix(List<ScalingList> lists) {
    /** Flat_4x4_16 / Flat_8x8_16: what a decoder uses when no matrix is sent. */
    public static List<List<Integer>> flat() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(Collections.nCopies(i < 6 ? 16 : 64, 16));
        }
        return List.copyOf(out);
    }

    public ScalingMatrix {
        lists = List.copyOf(lists);
        if (lists.size() != 6 && lists.size() != 8 && lists.size() != 12) {
            throw new IllegalArgumentException("a scaling matrix has 6, 8 or 12 lists: " + lists.size());
        }
    }

    /**
     * The 12 lists a decoder uses. With {@code sequenceLevel} null (an SPS), rule A: an absent list 0, 3,
     * 6 or 7 takes the default. Otherwise (a PPS), rule B: those take the SPS's resolved lists (pass
     * {@link #flat()} when the SPS has no matrix). Other absent lists copy the previous list of the same
     * kind. 8x8 lists not signalled at all (no transform_8x8_mode) resolve the same way.
     */
    public List<List<Integer>> resolve(List<List<Integer>> sequenceLevel) {
        List<List<Integer>> out = new ArrayList<>(12);
        for (int i = 0; i < 12; i++) {
            ScalingList l = i < lists.size() ? lists.get(i) : null;
            if (l != null && l.state() != ScalingList.State.NOT_PRESENT) {
                out.add(l.values());
            } else if (i == 0 || i == 3 || i == 6 || i == 7) {
                out.add(sequenceLevel == null ? ScalingList.defaultFor(i) : sequenceLevel.get(i));
            } else {
                out.add(out.get(i < 6 ? i - 1 : i - 2));
            }
        }
        return List.copyOf(out);
    }
}
