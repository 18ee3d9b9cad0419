package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * A video sample entry (ISO VisualSampleEntry, QuickTime video sample description). All fields are
 * kept as stored, including the QuickTime ones ISO calls pre_defined/reserved.
 *
 * @param type the coding format, e.g. {@code avc1}, {@code hvc1}, {@code hev1}
 * @param horizResolution 16.16 fixed point, normally 72 dpi (0x00480000)
 * @param compressorName 32 bytes: a length byte and up to 31 characters
 * @param colorTableId -1 for none (ISO pre_defined)
 */
public record VisualSampleEntry(FourCC type, int dataReferenceIndex, int version, int revisionLevel, long vendor,
        long temporalQuality, long spatialQuality, int width, int height, long horizResolution,
        long vertResolution, long dataSize, int frameCount, Bytes compressorName, int depth, int colorTableId,
        List<Box> children) implements SampleEntry {
    public VisualSampleEntry {
        Fields.u16("data_reference_index", dataReferenceIndex);
        Fields.u16("version", version);
        Fields.u16("revision_level", revisionLevel);
        Fields.u32("vendor", vendor);
        Fields.u32("temporal_quality", temporalQuality);
        Fields.u32("spatial_quality", spatialQuality);
        Fields.u16("width", width);
        Fields.u16("height", height);
        Fields.u32("horizresolution", horizResolution);
        Fields.u32("vertresolution", vertResolution);
        Fields.u32("data_size", dataSize);
        Fields.u16("frame_count", frameCount);
        Fields.exact("compressorname", compressorName, 32);
        Fields.u16("depth", depth);
        if (colorTableId < Short.MIN_VALUE || colorTableId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("color table id must fit in 16 signed bits: " + colorTableId);
        }
        children = List.copyOf(children);
    }

    /** An ISO entry with the usual defaults (72 dpi, one frame per sample, depth 24). */
    public static VisualSampleEntry of(FourCC format, int width, int height, List<Box> children) {
        return new VisualSampleEntry(format, 1, 0, 0, 0, 0, 0, width, height, 0x00480000L, 0x00480000L, 0, 1,
                Bytes.zeros(32), 0x18, -1, children);
    }
}
