package dev.bmff.codecs.hevc;

import java.util.List;

/**
 * The PPS tile layout, present when tiles_enabled_flag is 1.
 *
 * <pre>{@code
 * pps.tiles().ifPresent(t -> System.out.println((t.numTileColumnsMinus1() + 1) + " tile columns"));
 * }</pre>
 *
 * @param columnWidthMinus1 in CTBs, numTileColumnsMinus1 entries, empty with uniform spacing
 * @param rowHeightMinus1 in CTBs, numTileRowsMinus1 entries, empty with uniform spacing
 */
public record Tiles(int numTileColumnsMinus1, int numTileRowsMinus1, boolean uniformSpacing,
        List<Integer> columnWidthMinus1, List<Integer> rowHeightMinus1, boolean loopFilterAcrossTilesEnabled) {
    public Tiles {
        columnWidthMinus1 = List.copyOf(columnWidthMinus1);
        rowHeightMinus1 = List.copyOf(rowHeightMinus1);
    }
}
