package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * A sound sample entry: ISO AudioSampleEntry and QuickTime sound descriptions version 0, 1 and 2.
 * In a QuickTime file (stsd version 0), {@code version} 1 adds {@link QuickTimeSoundV1} fields and
 * version 2 replaces the basic fields' meaning with {@link QuickTimeSoundV2}.
 *
 * @param type the coding format, e.g. {@code mp4a}, {@code twos}, {@code sowt}, {@code ipcm}, {@code lpcm}
 * @param sampleRate 16.16 fixed point, as stored (the integer part is the rate for rates below 65536)
 * @param compressionId signed (-2 in version 2)
 * @param v1 the version 1 extension, or {@code null}
 * @param v2 the version 2 extension, or {@code null}
 */
public record AudioSampleEntry(FourCC type, int dataReferenceIndex, int version, int revisionLevel, long vendor,
        int channelCount, int sampleSize, int compressionId, int packetSize, long sampleRate, QuickTimeSoundV1 v1,
        QuickTimeSoundV2 v2, List<Box> children) implements SampleEntry {

    /** QuickTime sound description version 1 fields. */
    public record QuickTimeSoundV1(long samplesPerPacket, long bytesPerPacket, long bytesPerFrame,
            long bytesPerSample) {
        public QuickTimeSoundV1 {
            Fields.u32("samples_per_packet", samplesPerPacket);
            Fields.u32("bytes_per_packet", bytesPerPacket);
            Fields.u32("bytes_per_frame", bytesPerFrame);
            Fields.u32("bytes_per_sample", bytesPerSample);
        }
    }

    /**
     * QuickTime sound description version 2 fields.
     *
     * @param audioSampleRateBits the IEEE 754 double sample rate, as raw bits so it round-trips exactly
     */
    public record QuickTimeSoundV2(long sizeOfStructOnly, long audioSampleRateBits, long numAudioChannels,
            long always7F000000, long constBitsPerChannel, long formatSpecificFlags, long constBytesPerAudioPacket,
            long constLpcmFramesPerAudioPacket) {
        public QuickTimeSoundV2 {
            Fields.u32("size_of_struct_only", sizeOfStructOnly);
            Fields.u32("num_audio_channels", numAudioChannels);
            Fields.u32("always_7F000000", always7F000000);
            Fields.u32("const_bits_per_channel", constBitsPerChannel);
            Fields.u32("format_specific_flags", formatSpecificFlags);
            Fields.u32("const_bytes_per_audio_packet", constBytesPerAudioPacket);
            Fields.u32("const_lpcm_frames_per_audio_packet", constLpcmFramesPerAudioPacket);
        }

        public double audioSampleRate() {
            return Double.longBitsToDouble(audioSampleRateBits);
        }
    }

    public AudioSampleEntry {
        Fields.u16("data_reference_index", dataReferenceIndex);
        Fields.u16("version", version);
        Fields.u16("revision_level", revisionLevel);
        Fields.u32("vendor", vendor);
        Fields.u16("channelcount", channelCount);
        Fields.u16("samplesize", sampleSize);
        if (compressionId < Short.MIN_VALUE || compressionId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("compression id must fit in 16 signed bits: " + compressionId);
        }
        Fields.u16("packet_size", packetSize);
        Fields.u32("samplerate", sampleRate);
        if (v1 != null && v2 != null) {
            throw new IllegalArgumentException("a sound description has version 1 or version 2 fields, not both");
        }
        children = List.copyOf(children);
    }

    /** An ISO entry: {@code rate} in Hz (below 65536), version 0. */
    public static AudioSampleEntry of(FourCC format, int channels, int sampleSize, int rate, List<Box> children) {
        return new AudioSampleEntry(format, 1, 0, 0, 0, channels, sampleSize, 0, 0, ((long) rate) << 16, null, null,
                children);
    }

    /** The sample rate in Hz, from the version 2 field when present. */
    public double sampleRateHz() {
        return v2 != null ? v2.audioSampleRate() : sampleRate / 65536.0;
    }

    /** The channel count, from the version 2 field when present. */
    public long channels() {
        return v2 != null ? v2.numAudioChannels() : channelCount;
    }
}
