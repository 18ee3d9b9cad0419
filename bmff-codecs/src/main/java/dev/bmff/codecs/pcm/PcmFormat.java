package dev.bmff.codecs.pcm;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The layout of uncompressed audio: what one frame (one sample for every channel, interleaved) looks
 * like in the media data, read from or written to a sample entry.
 *
 * <pre>{@code
 * PcmFormat pcm = PcmFormat.of(audioSampleEntry);      // e.g. twos: 16-bit big-endian signed
 * long frames = trackBytes / pcm.bytesPerFrame();
 * AudioSampleEntry again = pcm.toSampleEntry();
 * }</pre>
 *
 * @param format the sample entry type it came from or is written as: {@code twos}, {@code sowt},
 *        {@code in24}, {@code in32}, {@code fl32}, {@code fl64}, {@code raw }, {@code lpcm}, {@code ipcm} or
 *        {@code fpcm}
 * @param channels channels per frame
 * @param bitsPerSample significant bits of one sample
 * @param bytesPerFrame bytes of one frame; at least {@code channels * ceil(bitsPerSample / 8)}
 * @param encoding signed, unsigned or float
 * @param endianness byte order of one sample; {@link PcmEndianness#BIG} for 8-bit samples
 * @param sampleRate frames per second
 */
public record PcmFormat(FourCC format, int channels, int bitsPerSample, int bytesPerFrame, PcmEncoding encoding,
        PcmEndianness endianness, double sampleRate) {

    public static final FourCC TWOS = FourCC.of("twos");
    public static final FourCC SOWT = FourCC.of("sowt");
    public static final FourCC IN24 = FourCC.of("in24");
    public static final FourCC IN32 = FourCC.of("in32");
    public static final FourCC FL32 = FourCC.of("fl32");
    public static final FourCC FL64 = FourCC.of("fl64");
    public static final FourCC RAW = FourCC.of("raw ");
    public static final FourCC LPCM = FourCC.of("lpcm");
    public static final FourCC IPCM = FourCC.of("ipcm");
    public static final FourCC FPCM = FourCC.of("fpcm");

    /** The sample entry types {@link #of(AudioSampleEntry)} reads. */
    public static final List<FourCC> FORMATS = List.of(TWOS, SOWT, IN24, IN32, FL32, FL64, RAW, LPCM, IPCM, FPCM);

    // QuickTime sound description v2 format_specific_flags (Core Audio's kLinearPCMFormatFlag*).
    static final int FLAG_FLOAT = 1;
    static final int FLAG_BIG_ENDIAN = 2;
    static final int FLAG_SIGNED = 4;
    static final int FLAG_PACKED = 8;
    static final int FLAG_NON_INTERLEAVED = 0x20;

    public PcmFormat {
        Objects.requireNonNull(format);
        Objects.requireNonNull(encoding);
        Objects.requireNonNull(endianness);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1: " + channels);
        }
        if (bitsPerSample < 1 || bitsPerSample > 64) {
            throw new IllegalArgumentException("bits per sample must be 1 to 64: " + bitsPerSample);
        }
        if (encoding == PcmEncoding.FLOAT && bitsPerSample != 32 && bitsPerSample != 64) {
            throw new IllegalArgumentException("float samples have 32 or 64 bits: " + bitsPerSample);
        }
        if ((long) bytesPerFrame < (long) channels * ((bitsPerSample + 7) / 8)) {
            throw new IllegalArgumentException(bytesPerFrame + " bytes per frame cannot hold " + channels + " x "
                    + bitsPerSample + "-bit samples");
        }
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (bitsPerSample <= 8) {
            endianness = PcmEndianness.BIG; // one byte has no order; one value keeps equals meaningful
        }
    }

    /** A packed format: {@code bytesPerFrame = channels * ceil(bitsPerSample / 8)}. */
    public static PcmFormat packed(FourCC format, int channels, int bitsPerSample, PcmEncoding encoding,
            PcmEndianness endianness, double sampleRate) {
        return new PcmFormat(format, channels, bitsPerSample, channels * ((bitsPerSample + 7) / 8), encoding,
                endianness, sampleRate);
    }

    /** Bytes one sample of one channel occupies in a frame. */
    public int bytesPerSample() {
        return bytesPerFrame / channels;
    }

    public boolean isFloat() {
        return encoding == PcmEncoding.FLOAT;
    }

    public boolean isSigned() {
        return encoding != PcmEncoding.UNSIGNED_INTEGER;
    }

    public boolean isBigEndian() {
        return endianness == PcmEndianness.BIG;
    }

    /** The same layout written as another sample entry type (see {@link #toSampleEntry()}). */
    public PcmFormat withFormat(FourCC newFormat) {
        return new PcmFormat(newFormat, channels, bitsPerSample, bytesPerFrame, encoding, endianness, sampleRate);
    }

    /**
     * Reads the layout from a sound sample entry (QuickTime versions 0, 1, 2 and ISO). Fields the layout
     * does not need ({@code chan}, {@code esds}...) are ignored.
     *
     * @throws IllegalArgumentException when the entry is not one of {@link #FORMATS} or is inconsistent
     */
    public static PcmFormat of(AudioSampleEntry e) {
        FourCC f = e.type();
        int channels = (int) e.channels();
        double rate = e.sampleRateHz();
        String t = f.toString();
        switch (t) {
            case "twos":
            case "sowt": {
                int bits = e.v2() != null ? (int) e.v2().constBitsPerChannel() : e.sampleSize();
                PcmEndianness order = t.equals("twos") ? PcmEndianness.BIG : PcmEndianness.LITTLE;
                return packed(f, channels, bits == 0 ? 16 : bits, PcmEncoding.SIGNED_INTEGER, order, rate);
            }
            case "in24":
                return quickTime(e, 24, PcmEncoding.SIGNED_INTEGER);
            case "in32":
                return quickTime(e, 32, PcmEncoding.SIGNED_INTEGER);
            case "fl32":
                return quickTime(e, 32, PcmEncoding.FLOAT);
            case "fl64":
                return quickTime(e, 64, PcmEncoding.FLOAT);
            case "raw ":
                return packed(f, channels, 8, PcmEncoding.UNSIGNED_INTEGER, PcmEndianness.BIG, rate);
            case "lpcm":
                return lpcm(e);
            case "ipcm":
            case "fpcm":
                return iso(e);
            default:
                throw new IllegalArgumentException("not a PCM sample entry: " + f);
        }
    }

    /** in24/in32/fl32/fl64: big endian unless a {@code wave}/{@code enda} says little. */
    private static PcmFormat quickTime(AudioSampleEntry e, int bits, PcmEncoding encoding) {
        boolean little = PcmBoxes.littleEndianFlag(e).orElse(false);
        return packed(e.type(), (int) e.channels(), bits, encoding, little ? PcmEndianness.LITTLE : PcmEndianness.BIG,
                e.sampleRateHz());
    }

    private static PcmFormat lpcm(AudioSampleEntry e) {
        AudioSampleEntry.QuickTimeSoundV2 v2 = e.v2();
        if (v2 == null) {
            throw new IllegalArgumentException("an lpcm entry needs the sound description version 2 fields");
        }
        int flags = (int) v2.formatSpecificFlags();
        if ((flags & FLAG_NON_INTERLEAVED) != 0) {
            throw new IllegalArgumentException("non-interleaved lpcm is not supported");
        }
        int bits = (int) v2.constBitsPerChannel();
        int channels = (int) v2.numAudioChannels();
        long framesPerPacket = Math.max(1, v2.constLpcmFramesPerAudioPacket());
        long bytesPerFrame = v2.constBytesPerAudioPacket() / framesPerPacket;
        if (bytesPerFrame == 0) {
            bytesPerFrame = (long) channels * ((bits + 7) / 8);
        }
        PcmEncoding enc = (flags & FLAG_FLOAT) != 0 ? PcmEncoding.FLOAT
                : (flags & FLAG_SIGNED) != 0 ? PcmEncoding.SIGNED_INTEGER : PcmEncoding.UNSIGNED_INTEGER;
        PcmEndianness order = (flags & FLAG_BIG_ENDIAN) != 0 ? PcmEndianness.BIG : PcmEndianness.LITTLE;
        return new PcmFormat(e.type(), channels, bits, Math.toIntExact(bytesPerFrame), enc, order,
                v2.audioSampleRate());
    }

    private static PcmFormat iso(AudioSampleEntry e) {
        ByteBuffer pcmC = PcmBoxes.payload(e, PcmBoxes.PCMC)
                .orElseThrow(() -> new IllegalArgumentException(e.type() + " entry without a pcmC box"));
        if (pcmC.limit() < 6) {
            throw new IllegalArgumentException("pcmC box of " + pcmC.limit() + " bytes is too short");
        }
        boolean little = (pcmC.get(4) & 1) != 0;
        int bits = pcmC.get(5) & 0xFF;
        double rate = e.sampleRateHz();
        // srat (AudioSampleEntryV1) carries rates the 16.16 field cannot.
        Optional<ByteBuffer> srat = PcmBoxes.payload(e, PcmBoxes.SRAT);
        if (srat.isPresent() && srat.get().limit() >= 8) {
            rate = Integer.toUnsignedLong(srat.get().getInt(4));
        }
        PcmEncoding enc = e.type().equals(FPCM) ? PcmEncoding.FLOAT : PcmEncoding.SIGNED_INTEGER;
        return packed(e.type(), (int) e.channels(), bits, enc, little ? PcmEndianness.LITTLE : PcmEndianness.BIG,
                rate);
    }

    /**
     * A sample entry that describes this layout: ISO {@code ipcm}/{@code fpcm} with a {@code pcmC} when
     * {@link #format()} is one of those; QuickTime version 0 {@code twos}/{@code sowt} when the format
     * is one of those and fits (8/16-bit, packed, integral rate below 65536, channels below 65536);
     * otherwise QuickTime version 2 {@code lpcm}, which describes any layout (so {@code in24}, {@code fl32},
     * {@code raw }... come back as {@code lpcm}).
     *
     * @throws IllegalStateException for an ISO format whose rate is not an integer below 65536 or that
     *         is not packed
     */
    public AudioSampleEntry toSampleEntry() {
        boolean packed = bytesPerFrame == channels * ((bitsPerSample + 7) / 8);
        boolean v0Rate = sampleRate < 65536 && sampleRate == Math.rint(sampleRate) && channels < 65536;
        if (format.equals(IPCM) || format.equals(FPCM)) {
            if (!v0Rate || !packed || isFloat() != format.equals(FPCM) || encoding == PcmEncoding.UNSIGNED_INTEGER) {
                throw new IllegalStateException("cannot write " + this + " as an ISO " + format + " entry");
            }
            return AudioSampleEntry.of(format, channels, bitsPerSample, (int) sampleRate,
                    List.of(PcmBoxes.pcmC(endianness == PcmEndianness.LITTLE, bitsPerSample)));
        }
        boolean twos = format.equals(TWOS) && endianness == PcmEndianness.BIG;
        boolean sowt = format.equals(SOWT) && endianness == PcmEndianness.LITTLE;
        if ((twos || sowt) && v0Rate && packed && encoding == PcmEncoding.SIGNED_INTEGER
                && (bitsPerSample == 16 || bitsPerSample == 8)) {
            return AudioSampleEntry.of(format, channels, bitsPerSample, (int) sampleRate, List.of());
        }
        int flags = (isFloat() ? FLAG_FLOAT : 0) | (encoding == PcmEncoding.SIGNED_INTEGER ? FLAG_SIGNED : 0)
                | (isBigEndian() ? FLAG_BIG_ENDIAN : 0)
                | (packed && bitsPerSample % 8 == 0 ? FLAG_PACKED : 0);
        // Version 2 fixes the old fields: 3 channels, 16 bits, compression id -2, rate 1.0 (16.16).
        AudioSampleEntry.QuickTimeSoundV2 v2 = new AudioSampleEntry.QuickTimeSoundV2(72,
                Double.doubleToLongBits(sampleRate), channels, 0x7F000000L, bitsPerSample, flags, bytesPerFrame, 1);
        return new AudioSampleEntry(LPCM, 1, 2, 0, 0, 3, 16, -2, 0, 0x10000L, null, v2, List.of());
    }
}
