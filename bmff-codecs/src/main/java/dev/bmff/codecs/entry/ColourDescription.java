package dev.bmff.codecs.entry;

/**
 * The VUI colour description of either codec (the same code points, ITU-T H.273), for {@code colr nclx}.
 *
 * @param primaries colour_primaries
 * @param transfer transfer_characteristics
 * @param matrix matrix_coeffs
 * @param fullRange video_full_range_flag
 */
record ColourDescription(int primaries, int transfer, int matrix, boolean fullRange) {
}
