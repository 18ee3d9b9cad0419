package dev.bmff.recover.model;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.pcm.PcmFormat;

/** What the matchers need to know about a track's bitstream, from the reference's sample entry. */
public sealed interface CodecModel {
    /**
     * H.264 with its avcC (NAL length size, SPS, PPS) and the NAL units the reference's samples hold.
     */
    record Avc(AvcConfiguration config, NalVocabulary vocabulary) implements CodecModel {
        public Avc {
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(vocabulary, "vocabulary");
        }

        /** Without a survey of the samples: the matcher accepts the textbook NAL units only. */
        public Avc(AvcConfiguration config) {
            this(config, NalVocabulary.NONE);
        }
    }

    /**
     * HEVC with its hvcC (NAL length size, VPS, SPS, PPS) and the NAL units (types and layers) the reference's
     * samples hold.
     */
    record Hevc(HevcConfiguration config, NalVocabulary vocabulary) implements CodecModel {
        public Hevc {
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(vocabulary, "vocabulary");
        }

        /** Without a survey of the samples: the matcher accepts the textbook NAL units of layer 0 only. */
        public Hevc(HevcConfiguration config) {
            this(config, NalVocabulary.NONE);
        }
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
