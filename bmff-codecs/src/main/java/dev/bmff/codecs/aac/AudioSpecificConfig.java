package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;

/**
 * AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1): the decoder configuration of an MPEG-4 audio
 * stream, carried in {@code esds} as DecoderSpecificInfo. Parsing keeps the original bytes, so
 * {@link #bytes()} writes back exactly what was read.
 *
 * <pre>{@code
 * AudioSpecificConfig asc = AudioSpecificConfig.parse(decoderSpecificInfo);
 * int channels = asc.channelCount();       // 2
 * AudioSpecificConfig lc = AudioSpecificConfig.aacLc(48000, 2);
 * }</pre>
 *
 * @param audioObjectType 2 = AAC LC, 5 = SBR (HE-AAC), 29 = PS (HE-AAC v2), ...; for explicit SBR/PS
 *     signalling this is the core object type and {@code extensionAudioObjectType} is 5
 * @param samplingFrequency the core sampling rate in Hz
 * @param channelConfiguration 1..7 (0 = channels given by a program config element)
 * @param extensionAudioObjectType 5 when SBR is signalled, 0 otherwise
 * @param extensionSamplingFrequency the SBR output rate, or 0
 * @param sbrPresent 1 present, 0 absent, -1 not signalled
 * @param psPresent 1 present, 0 absent, -1 not signalled
 * @param frameLength 1024 or 960 samples per frame (AAC; 0 for other object types)
 * @param pceChannels channels counted in the program config element when channelConfiguration is 0
 * @param bytes the encoded config
 */
public record AudioSpecificConfig(int audioObjectType, int samplingFrequency, int channelConfiguration,
        int extensionAudioObjectType, int extensionSamplingFrequency, int sbrPresent, int psPresent,
        int frameLength, int pceChannels, Bytes bytes) {

    /** AAC LC. */
    public static final int AAC_LC = 2;
    /** SBR, HE-AAC. */
    public static final int SBR = 5;
    /** PS, HE-AAC v2. */
    public static final int PS = 29;

    /** The channel count: from the configuration (7 means 8 channels, 7.1) or the PCE. */
    public int channelCount() {
        return switch (channelConfiguration) {
            case 0 -> pceChannels;
            case 7 -> 8;
            default -> channelConfiguration <= 6 ? channelConfiguration : 0;
        };
    }

    /** The output sampling rate: the SBR rate when SBR is present. */
    public int outputSamplingFrequency() {
        return extensionAudioObjectType == SBR && sbrPresent != 0 && extensionSamplingFrequency > 0
                ? extensionSamplingFrequency : samplingFrequency;
    }

    /** Parses {@code data}. */
    public static AudioSpecificConfig parse(byte[] data) throws BitstreamException {
        BitReader r = new BitReader(data);
        int aot = objectType(r);
        int rate = frequency(r);
        int channels = r.u(4, "channelConfiguration");
        int extAot = 0;
        int extRate = 0;
        int sbr = -1;
        int ps = -1;
        if (aot == SBR || aot == PS) {
            extAot = SBR;
            sbr = 1;
            if (aot == PS) {
                ps = 1;
            }
            extRate = frequency(r);
            aot = objectType(r);
            if (aot == 22) {
                r.u(4, "extensionChannelConfiguration");
            }
        }
        int frameLength = 0;
        int pceChannels = 0;
        switch (aot) {
            case 1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23 -> {
                frameLength = r.flag("frameLengthFlag") ? 960 : 1024;
                if (r.flag("dependsOnCoreCoder")) {
                    r.u(14, "coreCoderDelay");
                }
                boolean extensionFlag = r.flag("extensionFlag");
                if (channels == 0) {
                    pceChannels = ProgramConfigElement.channelCount(r);
                }
                if (aot == 6 || aot == 20) {
                    r.u(3, "layerNr");
                }
                if (extensionFlag) {
                    if (aot == 22) {
                        r.u(5, "numOfSubFrame");
                        r.u(11, "layer_length");
                    }
                    if (aot == 17 || aot == 19 || aot == 20 || aot == 23) {
                        r.u(3, "aacResilienceFlags");
                    }
                    r.flag("extensionFlag3");
                }
            }
            default -> {
                // Other object types (CELP, HVXC, ALS...) carry configs this library does not need.
            }
        }
        // Backward-compatible explicit SBR/PS signalling after the core config.
        if (extAot != SBR && r.remaining() >= 16) {
            int sync = r.u(11, "syncExtensionType");
            if (sync == 0x2b7) {
                int ext = objectType(r);
                if (ext == SBR) {
                    extAot = SBR;
                    sbr = r.flag("sbrPresentFlag") ? 1 : 0;
                    if (sbr == 1) {
                        extRate = frequency(r);
                        if (r.remaining() >= 12 && r.u(11, "syncExtensionType") == 0x548) {
                            ps = r.flag("psPresentFlag") ? 1 : 0;
                        }
                    }
                }
            }
        }
        return new AudioSpecificConfig(aot, rate, channels, extAot, extRate, sbr, ps, frameLength, pceChannels,
                Bytes.of(data));
    }

    /** A plain AAC LC config: rate and channel count (1..6, or 8). */
    public static AudioSpecificConfig aacLc(int rate, int channels) {
        int config = channels == 8 ? 7 : channels;
        if (config < 1 || config > 7) {
            throw new IllegalArgumentException("AAC LC channel configuration needs 1..6 or 8 channels: " + channels);
        }
        BitWriter w = new BitWriter().u(5, AAC_LC);
        int index = SamplingFrequencies.index(rate);
        w.u(4, index);
        if (index == 15) {
            w.u(24, rate);
        }
        w.u(4, config).flag(false).flag(false).flag(false);
        byte[] b = w.toByteArray();
        return new AudioSpecificConfig(AAC_LC, rate, config, 0, 0, -1, -1, 1024, 0, Bytes.of(b));
    }

    private static int objectType(BitReader r) throws BitstreamException {
        int t = r.u(5, "audioObjectType");
        return t == 31 ? 32 + r.u(6, "audioObjectTypeExt") : t;
    }

    private static int frequency(BitReader r) throws BitstreamException {
        int index = r.u(4, "samplingFrequencyIndex");
        if (index == 15) {
            return r.u(24, "samplingFrequency");
        }
        int rate = SamplingFrequencies.rate(index);
        if (rate < 0) {
            throw r.error(Kind.RESERVED, r.position() - 4, "samplingFrequencyIndex: " + index + " is reserved");
        }
        return rate;
    }
}
