package dev.bmff.codecs.hevc;

/**
 * Offsets of a window inside the decoded picture (the SPS conformance window, the VUI default display
 * window), in chroma-sample units: multiply horizontal ones by SubWidthC and vertical ones by SubHeightC
 * to get luma samples.
 *
 * <pre>{@code
 * CropWindow w = sps.conformanceWindow().orElse(CropWindow.NONE);
 * int width = sps.picWidthInLumaSamples() - sps.subWidthC() * (w.left() + w.right());
 * }</pre>
 */
public record CropWindow(int left, int right, int top, int bottom) {
    /** No cropping. */
    public static final CropWindow NONE = new CropWindow(0, 0, 0, 0);
}
