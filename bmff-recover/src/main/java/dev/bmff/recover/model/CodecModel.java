package dev.bmff.recover.model;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.pcm.PcmFormat;

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
}
