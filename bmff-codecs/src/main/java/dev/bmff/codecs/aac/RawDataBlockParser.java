package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Finds where an AAC LC raw_data_block (ISO/IEC 14496-3, 4.4.2.1) ends, without decoding the audio. MP4
 * stores AAC frames back to back in {@code mdat} with their lengths only in the sample table; when that
 * index is lost, this parser walks the syntax of one frame (every element, section, scalefactor and
 * spectral Huffman codeword) to find its exact length in bytes, and rejects, as early as it can, bytes
 * that cannot be a frame of the given configuration, which tells AAC apart from other data.
 *
 * <pre>{@code
 * RawDataBlockParser p = RawDataBlockParser.of(asc);      // from the track's esds
 * int size = p.frameLength(mdat, pos, mdat.length - pos); // throws BitstreamException if not a frame
 * }</pre>
 *
 * <p>Rejected with {@link BitstreamException}: an element the channel configuration does not have (for
 * configurations 1 to 7 the channel elements must be exactly those of Table 1.19, in order; CCE and PCE
 * only with configuration 0), ics_reserved_bit set, prediction (not in LC), max_sfb above the number of
 * bands, the reserved codebook 12, sections overrunning max_sfb, a scalefactor outside 0..255, pulse data
 * in a short window or beyond the spectrum, a TNS order above 12, gain control (not in LC), an escape
 * longer than 13 bits, ms_mask_present 3, and a frame longer than 6144 bits per channel (the decoder
 * buffer, 4.5.3) or than the data given. The work is bounded by that size: every loop consumes bits.
 *
 * <p>{@link #frameLength} and {@link #probe} run a length-only scan of the same syntax (one or two spectral
 * codewords per table lookup, no object per frame: about twice as fast) and come back to the full walk of
 * {@link #parse}, its reference twin, for the rare elements it leaves out and for the exception; the tests prove
 * the two equal on every frame of an AAC corpus and on hostile bytes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RawDataBlockParser {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The largest raw_data_block, per channel, in bits (ISO/IEC 14496-3, 4.5.3.1). */
    public static final int MAX_BITS_PER_CHANNEL = 6144;

    static final int SCE = 0;
    static final int CPE = 1;
    static final int CCE = 2;
    static final int LFE = 3;
    static final int DSE = 4;
    static final int PCE = 5;
    static final int FIL = 6;
    static final int END = 7;

    private static final String[] ELEMENT_NAMES = {"SCE", "CPE", "CCE", "LFE", "DSE", "PCE", "FIL", "END"};

    /** The channel elements of channel configurations 1..7 (Table 1.19). */
    private static final int[][] CONFIGURATION_ELEMENTS = {
        null,
        {SCE},
        {CPE},
        {SCE, CPE},
        {SCE, CPE, SCE},
        {SCE, CPE, CPE},
        {SCE, CPE, CPE, LFE},
        {SCE, CPE, CPE, CPE, LFE},
    };

    private static final int ZERO_HCB = 0;
    private static final int RESERVED_HCB = 12;
    private static final int NOISE_HCB = 13;
    private static final int INTENSITY_HCB2 = 14;
    private static final int INTENSITY_HCB = 15;
    private static final int EIGHT_SHORT_SEQUENCE = 2;
    private static final int TNS_MAX_ORDER_LC = 12;
    /** The longest spectral codeword (16 bits) with its sign bits (at most 4). */
    private static final int MAX_CODEWORD_BITS = 20;

    private final int samplingFrequencyIndex;
    private final int channelConfiguration;
    final int channels;
    final int[] longBands;
    final int[] shortBands;
    /** The channel elements configurations 1 to 7 require in order, null for configuration 0. */
    final int[] expectedElements;

    private RawDataBlockParser(int samplingFrequencyIndex, int channelConfiguration, int channels) {
        this.samplingFrequencyIndex = samplingFrequencyIndex;
        this.channelConfiguration = channelConfiguration;
        this.channels = channels;
        this.longBands = ScalefactorBands.longWindow(samplingFrequencyIndex);
        this.shortBands = ScalefactorBands.shortWindow(samplingFrequencyIndex);
        this.expectedElements = channelConfiguration == 0 ? null : CONFIGURATION_ELEMENTS[channelConfiguration];
    }

    /**
     * A parser for the frames of {@code config}: AAC LC (also the LC core of HE-AAC, whose SBR data sits in
     * fill elements) with 1024-sample frames.
     *
     * @throws BitstreamException for another object type, 960-sample frames, or no channels
     */
    public static RawDataBlockParser of(AudioSpecificConfig config) throws BitstreamException {
        if (config.audioObjectType() != AudioSpecificConfig.AAC_LC) {
            throw new BitstreamException(Kind.UNSUPPORTED, -1, "audioObjectType: " + config.audioObjectType()
                    + " is not AAC LC");
        }
        if (config.frameLength() != 1024) {
            throw new BitstreamException(Kind.UNSUPPORTED, -1, "frameLengthFlag: " + config.frameLength()
                    + "-sample frames (1024 only)");
        }
        int channels = config.channelCount();
        if (channels < 1 || config.channelConfiguration() > 7) {
            throw new BitstreamException(Kind.UNSUPPORTED, -1, "channelConfiguration: " + config.channelConfiguration()
                    + " with " + channels + " channels");
        }
        return new RawDataBlockParser(ScalefactorBands.indexFor(config.samplingFrequency()),
                config.channelConfiguration(), channels);
    }

    /**
     * A parser for AAC LC frames of 1024 samples at sampling frequency index 0..12 with channel
     * configuration 1..7.
     */
    public static RawDataBlockParser of(int samplingFrequencyIndex, int channelConfiguration) {
        if (samplingFrequencyIndex < 0 || samplingFrequencyIndex > 12) {
            throw new IllegalArgumentException("sampling frequency index 0..12: " + samplingFrequencyIndex);
        }
        if (channelConfiguration < 1 || channelConfiguration > 7) {
            throw new IllegalArgumentException("channel configuration 1..7: " + channelConfiguration);
        }
        int channels = channelConfiguration == 7 ? 8 : channelConfiguration;
        return new RawDataBlockParser(samplingFrequencyIndex, channelConfiguration, channels);
    }

    /** The largest frame this configuration allows, in bytes: 6144 bits per channel. */
    public int maxFrameLength() {
        return MAX_BITS_PER_CHANNEL / 8 * channels;
    }

    /**
     * The length in bytes of the raw_data_block that starts at {@code data[offset]}; {@code available} bytes
     * from there may be read (the frame may be followed by anything).
     *
     * @throws BitstreamException when the bytes are not a frame of this configuration
     * @throws IndexOutOfBoundsException when {@code offset} and {@code available} lie outside {@code data}
     */
    public int frameLength(byte[] data, int offset, int available) throws BitstreamException {
        Objects.checkFromIndexSize(offset, available, data.length);
        long bits = FrameLengthScan.get().bits(this, data, offset, Math.min(available, maxFrameLength()));
        if (bits >= 0) {
            return (int) ((bits + 7) >>> 3);
        }
        // Not a frame, or a case the scan leaves to the walk: the walk says which, with its exception.
        return (int) (walk(data, offset, available, null, false).r.position() >>> 3);
    }

    /**
     * {@link #frameLength} for scanners that try many positions: 0 instead of an exception when the bytes are
     * not a frame, which costs no exception and no message.
     *
     * <pre>{@code
     * int size = p.probe(mdat, pos, mdat.length - pos); // 0: not a frame here
     * }</pre>
     *
     * @throws IndexOutOfBoundsException when {@code offset} and {@code available} lie outside {@code data}
     */
    public int probe(byte[] data, int offset, int available) {
        Objects.checkFromIndexSize(offset, available, data.length);
        long bits = FrameLengthScan.get().bits(this, data, offset, Math.min(available, maxFrameLength()));
        if (bits >= 0) {
            return (int) ((bits + 7) >>> 3);
        }
        if (bits == FrameLengthScan.REJECT) {
            return 0;
        }
        try {
            return (int) (walk(data, offset, available, null, false).r.position() >>> 3);
        } catch (BitstreamException e) {
            return 0;
        }
    }

    /**
     * Parses the raw_data_block at {@code data[offset]}, reading at most {@code available} bytes.
     *
     * @throws BitstreamException when the bytes are not a frame of this configuration
     * @throws IndexOutOfBoundsException when {@code offset} and {@code available} lie outside {@code data}
     */
    public RawDataBlock parse(byte[] data, int offset, int available) throws BitstreamException {
        return parse(data, offset, available, null);
    }

    /**
     * {@link #parse(byte[], int, int)}, counting in {@code usage[cb][index]} each codeword decoded with
     * spectral codebook {@code cb} (1..11) and, as {@code cb} 0, the scalefactor codebook: how tests measure
     * which table entries a corpus exercised.
     */
    RawDataBlock parse(byte[] data, int offset, int available, int[][] usage) throws BitstreamException {
        return parse(data, offset, available, usage, false);
    }

    /**
     * {@link #parse(byte[], int, int)} with the reference Huffman decoder (bit by bit down the code tree) and the
     * plain codeword loop: the twin the tests prove the table-driven decoding equal to.
     */
    RawDataBlock parseWithReferenceDecoder(byte[] data, int offset, int available) throws BitstreamException {
        return parse(data, offset, available, null, true);
    }

    private RawDataBlock parse(byte[] data, int offset, int available, int[][] usage, boolean reference)
            throws BitstreamException {
        Frame f = walk(data, offset, available, usage, reference);
        return new RawDataBlock((int) (f.r.position() >>> 3), f.endBits, f.codebooks, f.tools);
    }

    /** Parses one raw_data_block; the frame's state says where it ended and what it used. */
    private Frame walk(byte[] data, int offset, int available, int[][] usage, boolean reference)
            throws BitstreamException {
        Objects.checkFromIndexSize(offset, available, data.length);
        int limit = Math.min(available, maxFrameLength());
        Frame f = new Frame(data, offset, new BitReader(data, offset, limit), usage, reference);
        try {
            f.rawDataBlock();
        } catch (BitstreamException e) {
            if (limit < available && e.kind() == Kind.TRUNCATED) {
                // Cut by the largest frame, not by the end of the data (the cause names the element).
                throw new BitstreamException(Kind.TOO_LARGE, e.bitOffset(), "raw_data_block: longer than "
                        + MAX_BITS_PER_CHANNEL + " bits per channel (" + channels + " channels)", e);
            }
            throw e;
        }
        return f;
    }

    @Override
    public String toString() {
        return "RawDataBlockParser[sampling frequency index " + samplingFrequencyIndex + ", channel configuration "
                + channelConfiguration + ", " + channels + " channels]";
    }

    /** One channel's ics_info. */
    private static final class IcsInfo {
        int windowSequence;
        int maxSfb;
        int numWindowGroups;
        final int[] groupLength = new int[8];
        int[] bands;

        boolean isShort() {
            return windowSequence == EIGHT_SHORT_SEQUENCE;
        }
    }

    /** The state of one parse. */
    private final class Frame {
        final BitReader r;
        final EnumSet<RawDataBlock.Tool> tools = EnumSet.noneOf(RawDataBlock.Tool.class);
        int codebooks;
        long endBits;
        /** sfb_cb[g][sfb] of the channel being parsed, 8 groups of at most 64 bands. */
        final byte[] bandTypes = new byte[8 * 64];

        final int[][] usage;
        /** Decode codewords with the reference tree walk instead of the lookup tables. */
        final boolean reference;

        /** What {@link #r} reads, and the bit of {@code data} its position 0 is: for the table-driven loop. */
        final byte[] data;
        final long firstBit;

        Frame(byte[] data, int offset, BitReader r, int[][] usage, boolean reference) {
            this.data = data;
            this.firstBit = (long) offset * 8;
            this.r = r;
            this.usage = usage;
            this.reference = reference;
        }

        int scaleFactorCode() throws BitstreamException {
            AacCodebooks.Huffman code = AacCodebooks.SCALEFACTOR_CODE;
            int index = reference ? code.decode(r) : code.decodeFast(r);
            if (usage != null) {
                usage[0][index]++;
            }
            return index;
        }

        void rawDataBlock() throws BitstreamException {
            int[] expected = channelConfiguration == 0 ? null : CONFIGURATION_ELEMENTS[channelConfiguration];
            int next = 0;
            int channelsSeen = 0;
            while (true) {
                int id = r.u(3, "id_syn_ele");
                switch (id) {
                    case SCE, CPE, LFE -> {
                        if (expected != null) {
                            if (next >= expected.length || expected[next] != id) {
                                throw notAllowed(id);
                            }
                            next++;
                        } else {
                            channelsSeen += id == CPE ? 2 : 1;
                            if (channelsSeen > channels) {
                                throw notAllowed(id);
                            }
                        }
                        r.u(4, "element_instance_tag");
                        if (id == CPE) {
                            channelPairElement();
                        } else {
                            individualChannelStream(null);
                        }
                    }
                    case CCE -> {
                        if (expected != null) {
                            throw notAllowed(id);
                        }
                        couplingChannelElement();
                    }
                    case DSE -> dataStreamElement();
                    case PCE -> {
                        if (expected != null) {
                            throw notAllowed(id);
                        }
                        tools.add(RawDataBlock.Tool.PCE);
                        ProgramConfigElement.channelCount(r);
                    }
                    case FIL -> fillElement();
                    default -> {
                        if (expected != null ? next < expected.length : channelsSeen == 0) {
                            throw r.error(Kind.INVALID, r.position() - 3, "id_syn_ele: END after "
                                    + (expected != null ? next : 0) + " channel elements, channel configuration "
                                    + channelConfiguration + " needs " + (expected != null ? expected.length : 1));
                        }
                        endBits = r.position();
                        r.byteAlign();
                        return;
                    }
                }
            }
        }

        BitstreamException notAllowed(int id) {
            return r.error(Kind.INVALID, r.position() - 3, "id_syn_ele: " + ELEMENT_NAMES[id]
                    + " is not allowed by channel configuration " + channelConfiguration);
        }

        void channelPairElement() throws BitstreamException {
            if (r.flag("common_window")) {
                IcsInfo info = icsInfo();
                int msMaskPresent = r.u(2, "ms_mask_present");
                if (msMaskPresent == 3) {
                    throw r.error(Kind.RESERVED, r.position() - 2, "ms_mask_present: 3 is reserved");
                }
                if (msMaskPresent != 0) {
                    tools.add(RawDataBlock.Tool.MS);
                }
                if (msMaskPresent == 1) {
                    r.skip((long) info.numWindowGroups * info.maxSfb, "ms_used");
                }
                individualChannelStream(info);
                individualChannelStream(info);
            } else {
                individualChannelStream(null);
                individualChannelStream(null);
            }
        }

        /** individual_channel_stream(common_window, 0): {@code common} is the shared ics_info, or null. */
        IcsInfo individualChannelStream(IcsInfo common) throws BitstreamException {
            int globalGain = r.u(8, "global_gain");
            IcsInfo info = common != null ? common : icsInfo();
            sectionData(info);
            scaleFactorData(info, globalGain);
            if (r.flag("pulse_data_present")) {
                pulseData(info);
            }
            if (r.flag("tns_data_present")) {
                tnsData(info);
            }
            if (r.flag("gain_control_data_present")) {
                throw r.error(Kind.INVALID, r.position() - 1,
                        "gain_control_data_present: gain control (AAC SSR) in an AAC LC stream");
            }
            spectralData(info);
            return info;
        }

        IcsInfo icsInfo() throws BitstreamException {
            IcsInfo info = new IcsInfo();
            if (r.flag("ics_reserved_bit")) {
                throw r.error(Kind.RESERVED, r.position() - 1, "ics_reserved_bit: 1");
            }
            info.windowSequence = r.u(2, "window_sequence");
            r.skip(1, "window_shape");
            long maxSfbAt = r.position();
            if (info.isShort()) {
                tools.add(RawDataBlock.Tool.SHORT_WINDOWS);
                info.bands = shortBands;
                info.maxSfb = r.u(4, "max_sfb");
                int grouping = r.u(7, "scale_factor_grouping");
                info.numWindowGroups = 1;
                info.groupLength[0] = 1;
                for (int bit = 6; bit >= 0; bit--) {
                    if ((grouping >>> bit & 1) != 0) {
                        info.groupLength[info.numWindowGroups - 1]++;
                    } else {
                        info.groupLength[info.numWindowGroups++] = 1;
                    }
                }
                if (info.numWindowGroups < 8) {
                    tools.add(RawDataBlock.Tool.WINDOW_GROUPING);
                }
            } else {
                info.bands = longBands;
                info.maxSfb = r.u(6, "max_sfb");
                info.numWindowGroups = 1;
                info.groupLength[0] = 1;
                if (r.flag("predictor_data_present")) {
                    throw r.error(Kind.INVALID, r.position() - 1,
                            "predictor_data_present: prediction in an AAC LC stream");
                }
            }
            int numSwb = info.bands.length - 1;
            if (info.maxSfb > numSwb) {
                throw r.error(Kind.OUT_OF_RANGE, maxSfbAt, "max_sfb: " + info.maxSfb + " above the " + numSwb
                        + " bands of a " + (info.isShort() ? "short" : "long") + " window");
            }
            return info;
        }

        void sectionData(IcsInfo info) throws BitstreamException {
            int lengthBits = info.isShort() ? 3 : 5;
            int escape = (1 << lengthBits) - 1;
            for (int g = 0; g < info.numWindowGroups; g++) {
                int k = 0;
                while (k < info.maxSfb) {
                    int cb = r.u(4, "sect_cb");
                    if (cb == RESERVED_HCB) {
                        throw r.error(Kind.RESERVED, r.position() - 4, "sect_cb: codebook 12 is reserved");
                    }
                    int end = k;
                    int increment;
                    do {
                        increment = r.u(lengthBits, "sect_len_incr");
                        end += increment;
                        if (end > info.maxSfb) {
                            throw r.error(Kind.OUT_OF_RANGE, r.position() - lengthBits, "sect_len_incr: the section "
                                    + "overruns max_sfb " + info.maxSfb + " (to band " + end + ")");
                        }
                    } while (increment == escape);
                    for (; k < end; k++) {
                        bandTypes[g * 64 + k] = (byte) cb;
                    }
                    if (cb >= 1 && cb <= 11) {
                        codebooks |= 1 << cb;
                    }
                }
            }
        }

        void scaleFactorData(IcsInfo info, int globalGain) throws BitstreamException {
            int scaleFactor = globalGain;
            boolean firstNoise = true;
            for (int g = 0; g < info.numWindowGroups; g++) {
                for (int sfb = 0; sfb < info.maxSfb; sfb++) {
                    int cb = bandTypes[g * 64 + sfb];
                    if (cb == ZERO_HCB) {
                        continue;
                    }
                    if (cb == INTENSITY_HCB || cb == INTENSITY_HCB2) {
                        tools.add(RawDataBlock.Tool.INTENSITY);
                        scaleFactorCode();
                    } else if (cb == NOISE_HCB) {
                        tools.add(RawDataBlock.Tool.PNS);
                        if (firstNoise) {
                            r.skip(9, "dpcm_noise_nrg");
                            firstNoise = false;
                        } else {
                            scaleFactorCode();
                        }
                    } else {
                        long at = r.position();
                        scaleFactor += scaleFactorCode() - 60;
                        if (scaleFactor < 0 || scaleFactor > 255) {
                            throw r.error(Kind.OUT_OF_RANGE, at, "hcod_sf: scalefactor " + scaleFactor
                                    + " outside 0..255");
                        }
                    }
                }
            }
        }

        void pulseData(IcsInfo info) throws BitstreamException {
            if (info.isShort()) {
                // The caller has just read pulse_data_present.
                throw r.error(Kind.INVALID, r.position() - 1, "pulse_data_present: pulse data in an "
                        + "EIGHT_SHORT_SEQUENCE");
            }
            tools.add(RawDataBlock.Tool.PULSE);
            int pulses = r.u(2, "number_pulse") + 1;
            int startSfb = r.u(6, "pulse_start_sfb");
            if (startSfb >= info.bands.length - 1) {
                throw r.error(Kind.OUT_OF_RANGE, r.position() - 6, "pulse_start_sfb: " + startSfb
                        + " beyond the " + (info.bands.length - 1) + " bands");
            }
            int position = info.bands[startSfb];
            for (int i = 0; i < pulses; i++) {
                position += r.u(5, "pulse_offset");
                if (position > 1023) {
                    throw r.error(Kind.OUT_OF_RANGE, r.position() - 5, "pulse_offset: a pulse beyond the spectrum");
                }
                r.skip(4, "pulse_amp");
            }
        }

        void tnsData(IcsInfo info) throws BitstreamException {
            tools.add(RawDataBlock.Tool.TNS);
            boolean shortWindows = info.isShort();
            int windows = shortWindows ? 8 : 1;
            for (int w = 0; w < windows; w++) {
                int filters = r.u(shortWindows ? 1 : 2, "n_filt");
                if (filters == 0) {
                    continue;
                }
                int coefRes = r.u(1, "coef_res");
                for (int f = 0; f < filters; f++) {
                    r.skip(shortWindows ? 4 : 6, "length");
                    int order = r.u(shortWindows ? 3 : 5, "order");
                    if (order > TNS_MAX_ORDER_LC) {
                        throw r.error(Kind.OUT_OF_RANGE, r.position() - (shortWindows ? 3 : 5), "order: TNS order "
                                + order + " above " + TNS_MAX_ORDER_LC);
                    }
                    if (order > 0) {
                        r.skip(1, "direction");
                        int compress = r.u(1, "coef_compress");
                        r.skip((long) order * (coefRes + 3 - compress), "coef");
                    }
                }
            }
        }

        /**
         * spectral_data by table lookup, straight from the array with a local bit position for all bands (the
         * reader is told where it got to only at an escape and at the end): one 8-byte load per step, which
         * decodes several short codewords at once ({@link AacCodebooks.Spectral#multi}, unless codewords are
         * being counted) or one codeword with its sign bits. Within {@link #MAX_CODEWORD_BITS} of the end of the
         * data or of the array, a band's remaining codewords are read through the reader, which names the
         * element the end cuts.
         */
        void spectralData(IcsInfo info) throws BitstreamException {
            if (reference) {
                referenceSpectralData(info);
                return;
            }
            byte[] d = data;
            // The last bit from which an 8-byte load stays in the array, and from which a codeword with its
            // sign bits surely ends before the end of the data.
            long lastLoadBit = 8L * (d.length - 8);
            long bit = firstBit + r.position();
            long safeEnd = Math.min(lastLoadBit, bit + r.remaining() - MAX_CODEWORD_BITS);
            long start = bit;
            for (int g = 0; g < info.numWindowGroups; g++) {
                for (int sfb = 0; sfb < info.maxSfb; sfb++) {
                    int cb = bandTypes[g * 64 + sfb];
                    if (cb == ZERO_HCB || cb >= NOISE_HCB) {
                        continue;
                    }
                    AacCodebooks.Spectral book = AacCodebooks.SPECTRAL[cb];
                    AacCodebooks.Huffman code = book.code;
                    byte[] signBits = book.signBits;
                    byte[] multi = book.multi;
                    int dimension = book.dimension;
                    int maxLength = code.maxLength;
                    int lines = info.groupLength[g] * (info.bands[sfb + 1] - info.bands[sfb]);
                    int k = 0;
                    // The 64 bits from the byte holding bit `loaded` (the first `loaded & 7` already used):
                    // reloaded once fewer than MAX_CODEWORD_BITS of them are left.
                    // (Loaded in the loop only: bit <= safeEnd keeps the load inside the array.)
                    long loaded = 0;
                    long buffer = 0;
                    long bufferEnd = -1;
                    while (k < lines && bit <= safeEnd) {
                        if (bit > bufferEnd) {
                            buffer = (long) BIG_ENDIAN_LONG.get(d, (int) (bit >>> 3));
                            loaded = bit;
                            bufferEnd = (bit & ~7L) + 64 - MAX_CODEWORD_BITS;
                        }
                        long word = buffer << (bit - (loaded & ~7L));
                        if (usage == null) {
                            int m = multi[(int) (word >>> (64 - AacCodebooks.Spectral.MULTI_BITS))] & 0xFF;
                            int n = (m >>> 4) * dimension;
                            if (n != 0 && k + n <= lines) {
                                bit += m & 15;
                                k += n;
                                continue;
                            }
                        }
                        int e = code.lookup((int) (word >>> (64 - maxLength)));
                        int index = e >>> 5;
                        bit += (e & 31) + signBits[index];
                        k += dimension;
                        if (usage != null) {
                            usage[cb][index]++;
                        }
                        if (book.escapes[index] != 0) {
                            r.skip(bit - start, "spectral codeword");
                            escapes(book.escapes[index]);
                            bit = firstBit + r.position();
                            start = bit;
                        }
                    }
                    if (k < lines) {
                        r.skip(bit - start, "spectral codeword");
                        for (; k < lines; k += dimension) {
                            codeword(book, cb, code.decodeFast(r));
                        }
                        bit = firstBit + r.position();
                        start = bit;
                    }
                }
            }
            r.skip(bit - start, "spectral codeword");
        }

        /** The sign bits and escapes after codeword {@code index}, read the reference way. */
        private void codeword(AacCodebooks.Spectral book, int cb, int index) throws BitstreamException {
            if (usage != null) {
                usage[cb][index]++;
            }
            int signs = book.signBits[index];
            if (signs != 0) {
                r.skip(signs, "sign_bits");
            }
            int escape = book.escapes[index];
            if (escape != 0) {
                escapes(escape);
            }
        }

        private void escapes(int escape) throws BitstreamException {
            tools.add(RawDataBlock.Tool.ESCAPE_SEQUENCE);
            escapeSequence();
            if (escape == 3) {
                escapeSequence();
            }
        }

        /** spectral_data with the reference decoder, one codeword and its sign bits at a time. */
        void referenceSpectralData(IcsInfo info) throws BitstreamException {
            for (int g = 0; g < info.numWindowGroups; g++) {
                for (int sfb = 0; sfb < info.maxSfb; sfb++) {
                    int cb = bandTypes[g * 64 + sfb];
                    if (cb == ZERO_HCB || cb >= NOISE_HCB) {
                        continue;
                    }
                    AacCodebooks.Spectral book = AacCodebooks.SPECTRAL[cb];
                    int lines = info.groupLength[g] * (info.bands[sfb + 1] - info.bands[sfb]);
                    for (int k = 0; k < lines; k += book.dimension) {
                        int index = book.code.decode(r);
                        if (usage != null) {
                            usage[cb][index]++;
                        }
                        int signs = book.signBits[index];
                        if (signs != 0) {
                            r.skip(signs, "sign_bits");
                        }
                        int escapes = book.escapes[index];
                        if (escapes != 0) {
                            tools.add(RawDataBlock.Tool.ESCAPE_SEQUENCE);
                            escapeSequence();
                            if (escapes == 3) {
                                escapeSequence();
                            }
                        }
                    }
                }
            }
        }

        /** hcod_esc: N ones, a zero, then an escape_word of N + 4 bits; N is at most 8 (values to 8191). */
        void escapeSequence() throws BitstreamException {
            long at = r.position();
            int ones = 0;
            while (r.flag("escape_prefix")) {
                if (++ones > 8) {
                    throw r.error(Kind.OUT_OF_RANGE, at, "escape_prefix: an escape sequence longer than 13 bits");
                }
            }
            r.skip(ones + 4, "escape_word");
        }

        void couplingChannelElement() throws BitstreamException {
            tools.add(RawDataBlock.Tool.CCE);
            r.u(4, "element_instance_tag");
            boolean independentlySwitched = r.flag("ind_sw_cce_flag");
            int coupled = r.u(3, "num_coupled_elements");
            int gainLists = 0;
            for (int c = 0; c <= coupled; c++) {
                gainLists++;
                boolean targetIsCpe = r.flag("cc_target_is_cpe");
                r.skip(4, "cc_target_tag_select");
                if (targetIsCpe) {
                    boolean left = r.flag("cc_l");
                    boolean right = r.flag("cc_r");
                    if (left && right) {
                        gainLists++;
                    }
                }
            }
            r.skip(1, "cc_domain");
            r.skip(1, "gain_element_sign");
            r.skip(2, "gain_element_scale");
            IcsInfo info = individualChannelStream(null);
            for (int c = 1; c < gainLists; c++) {
                boolean common = independentlySwitched || r.flag("common_gain_element_present");
                if (common) {
                    scaleFactorCode();
                } else {
                    for (int g = 0; g < info.numWindowGroups; g++) {
                        for (int sfb = 0; sfb < info.maxSfb; sfb++) {
                            if (bandTypes[g * 64 + sfb] != ZERO_HCB) {
                                scaleFactorCode();
                            }
                        }
                    }
                }
            }
        }

        void dataStreamElement() throws BitstreamException {
            tools.add(RawDataBlock.Tool.DSE);
            r.skip(4, "element_instance_tag");
            boolean align = r.flag("data_byte_align_flag");
            int count = r.u(8, "count");
            if (count == 255) {
                count += r.u(8, "esc_count");
            }
            if (align) {
                r.byteAlign();
            }
            r.skip(8L * count, "data_stream_byte");
        }

        /** fill_element: its extension payloads (fill, SBR, DRC, ...) are skipped by their byte count. */
        void fillElement() throws BitstreamException {
            tools.add(RawDataBlock.Tool.FIL);
            int count = r.u(4, "count");
            if (count == 15) {
                count += r.u(8, "esc_count") - 1;
            }
            if (count > 0) {
                int type = r.u(4, "extension_type");
                if (type == 13 || type == 14) {
                    tools.add(RawDataBlock.Tool.SBR);
                } else if (type == 11) {
                    tools.add(RawDataBlock.Tool.DRC);
                }
                r.skip(8L * count - 4, "extension_payload");
            }
        }
    }
}
