package dev.bmff.recover.model;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.core.box.Bytes;

/** What the matchers need to know about a track's bitstream, from the reference's sample entry. */
public sealed interface CodecModel {
    /** H.264 with its avcC (NAL length size, SPS, PPS). */
    record Avc(AvcConfiguration config) implements CodecModel {
    }

    /** HEVC with its hvcC (NAL length size, VPS, SPS, PPS). */
    record Hevc(HevcConfiguration config) implements CodecModel {
    }

    /** AAC with its AudioSpecificConfig from esds. */
    record Aac(AudioSpecificConfig config) implements CodecModel {
    }

    /**
     * Uncompressed audio.
     *
     * @param packetBytes the unit every chunk of the reference is a multiple of (the muxer's audio packet)
     * @param maxPackets the most packets one chunk of the reference holds
     */
    record Pcm(PcmFormat format, long packetBytes, int maxPackets) implements CodecModel {
    }

    /**
     * A track without a bitstream parser (timed metadata, timecode, vendor data, a codec recovery does not parse):
     * its samples are found by how they are framed and what they start with, both learned from the reference.
     *
     * @param framing how a sample's length is known
     * @param prefix the bytes every reference sample starts with (empty when they share none, or too few were seen)
     */
    record Metadata(SampleFraming framing, Bytes prefix) implements CodecModel {
    }
}
