package dev.bmff.recover.model;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.codecs.sync.SyncFrameSyntax;
import dev.bmff.core.box.Bytes;

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

    /**
     * AV1 with its av1C, the sequence header its configOBUs hold, and the OBUs (types, layers) the reference's samples
     * hold.
     */
    record Av1(Av1Configuration config, SequenceHeader sequence, ObuVocabulary vocabulary) implements CodecModel {
        public Av1 {
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(sequence, "sequence");
            java.util.Objects.requireNonNull(vocabulary, "vocabulary");
        }
    }

    /**
     * Opus with its dOps and what the reference's packets look like: the TOC bytes they start with (config, stereo flag
     * and frame count code: one or a few values in a recording, the sign a packet starts), the bytes they end with
     * (the range coder's last byte, which one encoder's settings often make alike) and how their sizes vary.
     *
     * @param tocs how many of the surveyed packets start with each TOC byte
     * @param lastBytes how many of them end with each byte
     * @param sizeDeviation the standard deviation of the reference's packet sizes (VBR packets of one setting vary by
     *     a few percent; their mean is in the track's {@link SizeStats})
     */
    record Opus(OpusConfiguration config, java.util.Map<Integer, Integer> tocs, java.util.Map<Integer, Integer> lastBytes,
            double sizeDeviation) implements CodecModel {
        public Opus {
            java.util.Objects.requireNonNull(config, "config");
            tocs = java.util.Map.copyOf(tocs);
            lastBytes = java.util.Map.copyOf(lastBytes);
        }
    }

    /**
     * MPEG-4 Part 2 video ({@code mp4v}) with its VOS/VOL headers from esds, and how the reference's samples are
     * built.
     *
     * @param leadingHeaders the header start codes (GOV, and VOS/VO/VOL when they are in-band) the reference's
     *     samples start with, before their VOP
     * @param packedBFrames whether some reference sample holds a B-VOP after the VOP it follows (DivX packed)
     */
    record Mpeg4Visual(Mpeg4VideoConfig config, java.util.Set<Integer> leadingHeaders, boolean packedBFrames)
            implements CodecModel {
        public Mpeg4Visual {
            java.util.Objects.requireNonNull(config, "config");
            leadingHeaders = java.util.Set.copyOf(leadingHeaders);
        }
    }

    /**
     * Motion JPEG ({@code jpeg}, {@code mjpa}, {@code AVDJ}, {@code dmb1}, or JPEG in {@code mp4v}): images SOI to
     * EOI.
     *
     * @param imagesPerSample images in a reference sample: 1, or 2 for {@code mjpa} with both fields in one
     * @param width the reference's image width (its first frame's SOF)
     * @param height the reference's image height (of one field)
     */
    record MotionJpeg(int imagesPerSample, int width, int height) implements CodecModel {
    }

    /**
     * ProRes ({@code apcn}, {@code apch}, {@code apcs}, {@code apco}, {@code ap4h}, {@code ap4x}): frames that
     * start with their size and {@code icpf}.
     *
     * @param width the reference's picture width (its first frame's header)
     * @param height its picture height
     * @param chromaFormat its chroma_format (2 for 4:2:2, 3 for 4:4:4)
     */
    record ProRes(int width, int height, int chromaFormat) implements CodecModel {
    }

    /** AAC with its AudioSpecificConfig from esds. */
    record Aac(AudioSpecificConfig config) implements CodecModel {
    }

    /**
     * Audio whose frames start with a sync word and a header that gives their length: MP3 ({@code mp4a} with object
     * type 0x6B/0x69, or {@code .mp3}; the stream from the reference's first frame), AC-3 ({@code dac3}) and E-AC-3
     * ({@code dec3}).
     */
    record SyncFramed(SyncFrameSyntax syntax) implements CodecModel {
        public SyncFramed {
            java.util.Objects.requireNonNull(syntax, "syntax");
        }
    }

    /** FLAC with the STREAMINFO of its {@code dfLa}. */
    record Flac(StreamInfo streamInfo) implements CodecModel {
        public Flac {
            java.util.Objects.requireNonNull(streamInfo, "streamInfo");
        }
    }

    /** ALAC with its magic cookie. */
    record Alac(AlacConfig config) implements CodecModel {
        public Alac {
            java.util.Objects.requireNonNull(config, "config");
        }
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
