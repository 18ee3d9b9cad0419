package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;

/** program_config_element (ISO/IEC 14496-3, 4.4.1.1): read far enough to count the channels. */
final class ProgramConfigElement {
    private ProgramConfigElement() {
    }

    /** Reads a whole PCE and returns its channel count (a CPE counts two). */
    static int channelCount(BitReader r) throws BitstreamException {
        r.u(4, "element_instance_tag");
        r.u(2, "object_type");
        r.u(4, "sampling_frequency_index");
        int front = r.u(4, "num_front_channel_elements");
        int side = r.u(4, "num_side_channel_elements");
        int back = r.u(4, "num_back_channel_elements");
        int lfe = r.u(2, "num_lfe_channel_elements");
        int assoc = r.u(3, "num_assoc_data_elements");
        int cc = r.u(4, "num_valid_cc_elements");
        if (r.flag("mono_mixdown_present")) {
            r.u(4, "mono_mixdown_element_number");
        }
        if (r.flag("stereo_mixdown_present")) {
            r.u(4, "stereo_mixdown_element_number");
        }
        if (r.flag("matrix_mixdown_idx_present")) {
            r.u(3, "matrix_mixdown_idx_and_pseudo_surround");
        }
        int channels = 0;
        for (int i = 0; i < front + side + back; i++) {
            channels += r.flag("is_cpe") ? 2 : 1;
            r.u(4, "element_tag_select");
        }
        channels += lfe;
        r.skip(4L * lfe, "lfe_element_tag_select");
        r.skip(4L * assoc, "assoc_data_element_tag_select");
        r.skip(5L * cc, "valid_cc_element");
        r.byteAlign();
        int commentBytes = r.u(8, "comment_field_bytes");
        r.skip(8L * commentBytes, "comment_field_data");
        return channels;
    }
}
