package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;

/**
 * sps_range_extension() (H.265 7.3.2.2.2): the coding tools of the RExt profiles (4:2:2, 4:4:4, high bit
 * depths).
 *
 * <pre>{@code
 * boolean rdpcm = sps.rangeExtension().map(RangeExtension::implicitRdpcmEnabled).orElse(false);
 * }</pre>
 */
public record RangeExtension(boolean transformSkipRotationEnabled, boolean transformSkipContextEnabled,
        boolean implicitRdpcmEnabled, boolean explicitRdpcmEnabled, boolean extendedPrecisionProcessing,
        boolean intraSmoothingDisabled, boolean highPrecisionOffsetsEnabled, boolean persistentRiceAdaptationEnabled,
        boolean cabacBypassAlignmentEnabled) {
    static RangeExtension parse(BitReader r) throws BitstreamException {
        return new RangeExtension(r.flag("transform_skip_rotation_enabled_flag"),
                r.flag("transform_skip_context_enabled_flag"), r.flag("implicit_rdpcm_enabled_flag"),
                r.flag("explicit_rdpcm_enabled_flag"), r.flag("extended_precision_processing_flag"),
                r.flag("intra_smoothing_disabled_flag"), r.flag("high_precision_offsets_enabled_flag"),
                r.flag("persistent_rice_adaptation_enabled_flag"), r.flag("cabac_bypass_alignment_enabled_flag"));
    }
}
