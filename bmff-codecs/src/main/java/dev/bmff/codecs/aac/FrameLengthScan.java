package dev.bmff.codecs.aac;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast twin of {@link RawDataBlockParser}'s walk, for the length alone: the same syntax read the same way
 * (every element, section, scalefactor and spectral codeword, the same checks), but straight from the array with
 * 8-byte loads, sections kept as a short list instead of a band map, the spectral data decoded through
 * {@link AacCodebooks.Spectral#steps} (one or two codewords with their sign bits per lookup, up to three lookups
 * per load; escapes and long codewords through the codebook), nothing recorded about the tools used and no
 * object made per frame.
 *
 * <p>It answers a bit length, {@link #REJECT} when the walk surely throws (a check failed, or the frame needs
 * more bits than it may have: the walk reads the same bits in the same order, so it fails too), or
 * {@link #UNSURE} for what it leaves to the walk: a coupling channel element, a program config element, or an
 * 8-byte load that would pass the end of the array. Its failures carry no message; {@link RawDataBlockParser}
 * asks the walk for the exception. One instance per thread ({@link #get}): it holds the state of one scan.
 */
final class FrameLengthScan {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Not a frame: the walk throws. */
    static final int REJECT = -1;
    /** Left to the walk. */
    static final int UNSURE = -2;

    private static final int SCE = RawDataBlockParser.SCE;
    private static final int CPE = RawDataBlockParser.CPE;
    private static final int CCE = RawDataBlockParser.CCE;
    private static final int LFE = RawDataBlockParser.LFE;
    private static final int DSE = RawDataBlockParser.DSE;
    private static final int PCE = RawDataBlockParser.PCE;
    private static final int FIL = RawDataBlockParser.FIL;
    private static final int RESERVED_HCB = 12;
    private static final int NOISE_HCB = 13;
    private static final int INTENSITY_HCB2 = 14;
    private static final int EIGHT_SHORT_SEQUENCE = 2;
    private static final int TNS_MAX_ORDER_LC = 12;
    private static final int SCALEFACTOR_MAX_LENGTH = AacCodebooks.SCALEFACTOR_CODE.maxLength;
    /** A step the two-step loop leaves to the one-step path. */
    private static final int SLOW_STEP = AacCodebooks.Spectral.STEP_SLOW;

    /** How a scan stops early; thrown without a stack trace, caught in {@link #bits}. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final int result;

        Stop(int result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private static final Stop REJECTED = new Stop(REJECT);
    private static final Stop LEFT_TO_THE_WALK = new Stop(UNSURE);

    private static final ThreadLocal<FrameLengthScan> SCANS = ThreadLocal.withInitial(FrameLengthScan::new);

    /** This thread's scan. */
    static FrameLengthScan get() {
        return SCANS.get();
    }

    private byte[] d;
    /** The next bit to read, counted from the start of {@link #d}. */
    private long bit;
    /** The end of what the frame may use, in bits from the start of {@link #d}. */
    private long end;
    /** The last bit from which an 8-byte load stays in the array, or {@link #end} if that comes first. */
    private long stop;

    private int[] longBands;
    private int[] shortBands;

    /** One channel's ics_info (shared by the two channels of a common window). */
    private int windowSequence;
    private int maxSfb;
    private int[] bands;
    private int groups;
    private final int[] groupLength = new int[8];

    /**
     * The sections of the channel being read, in order: codebook (bits 0 to 3), bands (bits 4 to 11) and spectral
     * lines (from bit 12). Sections of no band are left out (they change nothing but the position), so there are
     * at most 8 groups of 15 or one of 51 bands.
     */
    private final int[] sections = new int[128];
    private int sectionCount;

    private FrameLengthScan() {
    }

    /**
     * The raw_data_block at {@code data[offset]} of at most {@code limit} bytes, as {@code parser} reads it: its
     * length in bits up to the END element, or {@link #REJECT} or {@link #UNSURE}. The caller has checked that the
     * range lies in the array.
     */
    long bits(RawDataBlockParser parser, byte[] data, int offset, int limit) {
        d = data;
        long start = (long) offset * 8;
        bit = start;
        end = start + (long) limit * 8;
        stop = Math.min(end, 8L * (data.length - 8));
        longBands = parser.longBands;
        shortBands = parser.shortBands;
        try {
            rawDataBlock(parser.expectedElements, parser.channels);
            return bit > end ? REJECT : bit - start;
        } catch (Stop s) {
            return s.result;
        } finally {
            d = null;
        }
    }

    /** The stop for a read at {@code at} that {@link #stop} does not allow. */
    private Stop past(long at) {
        return at > end ? REJECTED : LEFT_TO_THE_WALK;
    }

    /** The next 64 bits from {@code at} (the first {@code 57} of them at least are data). */
    private long load(long at) throws Stop {
        if (at > stop) {
            throw past(at);
        }
        return (long) BIG_ENDIAN_LONG.get(d, (int) (at >>> 3)) << (at & 7);
    }

    /** {@code u(n)}, n from 1 to 32. */
    private int u(int n) throws Stop {
        long w = load(bit);
        bit += n;
        return (int) (w >>> (64 - n));
    }

    private boolean flag() throws Stop {
        return u(1) != 0;
    }

    private void rawDataBlock(int[] expected, int channels) throws Stop {
        int next = 0;
        int channelsSeen = 0;
        while (true) {
            int id = u(3);
            switch (id) {
                case SCE, CPE, LFE -> {
                    if (expected != null) {
                        if (next >= expected.length || expected[next] != id) {
                            throw REJECTED;
                        }
                        next++;
                    } else {
                        channelsSeen += id == CPE ? 2 : 1;
                        if (channelsSeen > channels) {
                            throw REJECTED;
                        }
                    }
                    bit += 4; // element_instance_tag
                    if (id == CPE) {
                        channelPairElement();
                    } else {
                        individualChannelStream(false);
                    }
                }
                case CCE, PCE -> throw expected != null ? REJECTED : LEFT_TO_THE_WALK;
                case DSE -> dataStreamElement();
                case FIL -> fillElement();
                default -> {
                    if (expected != null ? next < expected.length : channelsSeen == 0) {
                        throw REJECTED;
                    }
                    return;
                }
            }
        }
    }

    private void channelPairElement() throws Stop {
        if (flag()) { // common_window
            icsInfo();
            int msMaskPresent = u(2);
            if (msMaskPresent == 3) {
                throw REJECTED;
            }
            if (msMaskPresent == 1) {
                bit += (long) groups * maxSfb; // ms_used
            }
            individualChannelStream(true);
            individualChannelStream(true);
        } else {
            individualChannelStream(false);
            individualChannelStream(false);
        }
    }

    private void individualChannelStream(boolean commonWindow) throws Stop {
        int globalGain = u(8);
        if (!commonWindow) {
            icsInfo();
        }
        sectionData();
        scaleFactorData(globalGain);
        if (flag()) { // pulse_data_present
            pulseData();
        }
        if (flag()) { // tns_data_present
            tnsData();
        }
        if (flag()) { // gain_control_data_present: not in LC
            throw REJECTED;
        }
        spectralData();
    }

    private void icsInfo() throws Stop {
        // ics_reserved_bit, window_sequence, window_shape, then max_sfb and 7 or 1 more bits: 15 bits at most.
        int v = (int) (load(bit) >>> (64 - 15));
        if ((v & 0x4000) != 0) {
            throw REJECTED;
        }
        windowSequence = v >>> 12 & 3;
        if (windowSequence == EIGHT_SHORT_SEQUENCE) {
            bands = shortBands;
            maxSfb = v >>> 7 & 15;
            int grouping = v & 0x7F;
            bit += 15;
            groups = 1;
            groupLength[0] = 1;
            for (int b = 6; b >= 0; b--) {
                if ((grouping >>> b & 1) != 0) {
                    groupLength[groups - 1]++;
                } else {
                    groupLength[groups++] = 1;
                }
            }
        } else {
            bands = longBands;
            maxSfb = v >>> 5 & 63;
            bit += 11;
            groups = 1;
            groupLength[0] = 1;
            if ((v & 0x10) != 0) { // predictor_data_present: not in LC
                throw REJECTED;
            }
        }
        if (maxSfb > bands.length - 1) {
            throw REJECTED;
        }
    }

    private void sectionData() throws Stop {
        boolean shortWindows = windowSequence == EIGHT_SHORT_SEQUENCE;
        int lengthBits = shortWindows ? 3 : 5;
        int escape = (1 << lengthBits) - 1;
        int count = 0;
        int[] b = bands;
        for (int g = 0; g < groups; g++) {
            int k = 0;
            while (k < maxSfb) {
                int cb = u(4);
                if (cb == RESERVED_HCB) {
                    throw REJECTED;
                }
                int end = k;
                int increment;
                do {
                    increment = u(lengthBits);
                    end += increment;
                    if (end > maxSfb) {
                        throw REJECTED;
                    }
                } while (increment == escape);
                if (end > k) {
                    int lines = groupLength[g] * (b[end] - b[k]);
                    sections[count++] = cb | (end - k) << 4 | lines << 12;
                    k = end;
                }
            }
        }
        sectionCount = count;
    }

    /** One scalefactor codeword: its index (the difference plus 60). */
    private int scaleFactorCode() throws Stop {
        long w = load(bit);
        int e = AacCodebooks.SCALEFACTOR_CODE.lookup((int) (w >>> (64 - SCALEFACTOR_MAX_LENGTH)));
        bit += e & 31;
        return e >>> 5;
    }

    private void scaleFactorData(int globalGain) throws Stop {
        int scaleFactor = globalGain;
        boolean firstNoise = true;
        for (int i = 0; i < sectionCount; i++) {
            int section = sections[i];
            int cb = section & 15;
            int n = section >>> 4 & 0xFF;
            if (cb == 0) {
                continue;
            }
            if (cb >= INTENSITY_HCB2) {
                for (int s = 0; s < n; s++) {
                    scaleFactorCode();
                }
            } else if (cb == NOISE_HCB) {
                for (int s = 0; s < n; s++) {
                    if (firstNoise) {
                        bit += 9; // dpcm_noise_nrg
                        firstNoise = false;
                    } else {
                        scaleFactorCode();
                    }
                }
            } else {
                // Two or three codewords of at most 19 bits from each load.
                long b = bit;
                int s = 0;
                while (s < n) {
                    long w = load(b);
                    int used = 0;
                    do {
                        int e = AacCodebooks.SCALEFACTOR_CODE.lookup((int) (w << used >>> (64 - SCALEFACTOR_MAX_LENGTH)));
                        used += e & 31;
                        scaleFactor += (e >>> 5) - 60;
                        if (scaleFactor < 0 || scaleFactor > 255) {
                            throw REJECTED;
                        }
                        s++;
                    } while (used <= 57 - SCALEFACTOR_MAX_LENGTH && s < n);
                    b += used;
                }
                bit = b;
            }
        }
    }

    private void pulseData() throws Stop {
        if (windowSequence == EIGHT_SHORT_SEQUENCE) {
            throw REJECTED;
        }
        int pulses = u(2) + 1;
        int startSfb = u(6);
        if (startSfb >= bands.length - 1) {
            throw REJECTED;
        }
        int position = bands[startSfb];
        for (int i = 0; i < pulses; i++) {
            position += u(5);
            if (position > 1023) {
                throw REJECTED;
            }
            bit += 4; // pulse_amp
        }
    }

    private void tnsData() throws Stop {
        boolean shortWindows = windowSequence == EIGHT_SHORT_SEQUENCE;
        int windows = shortWindows ? 8 : 1;
        for (int w = 0; w < windows; w++) {
            int filters = u(shortWindows ? 1 : 2);
            if (filters == 0) {
                continue;
            }
            int coefRes = u(1);
            for (int f = 0; f < filters; f++) {
                bit += shortWindows ? 4 : 6; // length
                int order = u(shortWindows ? 3 : 5);
                if (order > TNS_MAX_ORDER_LC) {
                    throw REJECTED;
                }
                if (order > 0) {
                    bit += 1; // direction
                    int compress = u(1);
                    bit += (long) order * (coefRes + 3 - compress);
                }
            }
        }
    }

    /**
     * spectral_data, section by section (a codeword never straddles a band: band widths are multiples of 4), one
     * load per step: a step table entry either covers several whole codewords that stay in the section, or one
     * codeword with its sign bits, whose escapes are read from a second load (two escapes of at most 21 bits each
     * fit in the 57 bits a load holds at least).
     */
    private void spectralData() throws Stop {
        byte[] data = d;
        long b = bit;
        long last = stop;
        for (int i = 0; i < sectionCount; i++) {
            int section = sections[i];
            int cb = section & 15;
            if (cb == 0 || cb >= NOISE_HCB) {
                continue;
            }
            int lines = section >>> 12;
            AacCodebooks.Spectral book = AacCodebooks.SPECTRAL[cb];
            char[] steps = book.steps;
            int dimension = book.dimension;
            // Three steps stay in the section from here on.
            int mainLines = lines - 3 * book.stepMaxLines;
            int k = 0;
            while (k < lines) {
                if (b > last) {
                    throw past(b);
                }
                long w = (long) BIG_ENDIAN_LONG.get(data, (int) (b >>> 3)) << (b & 7);
                int used = 0;
                if (k <= mainLines) {
                    // Far from the end of the section: three steps from this load (a step that is not slow takes
                    // at most 16 bits: a codeword of at most STEP_BITS and 4 sign bits), with no branch on what
                    // they hold unless it is an escape or a long codeword. Noise makes any such branch a coin toss.
                    // The entries are summed whole: their bits (0 to 4) sum to at most 48 and their lines (8 to 12)
                    // to at most 24 without carrying into each other (bits 5 to 7 are 0 in a step that is not slow),
                    // and a long shift uses the low 6 bits of its count, so no mask waits between the lookups.
                    int e = steps[(int) (w >>> (64 - AacCodebooks.Spectral.STEP_BITS))];
                    if ((e & SLOW_STEP) == 0) {
                        int sum = e;
                        e = steps[(int) (w << sum >>> (64 - AacCodebooks.Spectral.STEP_BITS))];
                        if ((e & SLOW_STEP) == 0) {
                            sum += e;
                            e = steps[(int) (w << sum >>> (64 - AacCodebooks.Spectral.STEP_BITS))];
                            if ((e & SLOW_STEP) == 0) {
                                sum += e;
                                b += sum & 63;
                                k += sum >>> 8 & 31;
                                continue;
                            }
                        }
                        used = sum & 63;
                        k += sum >>> 8 & 31;
                    }
                }
                // One step (at most 20 bits after at most 32): the entry's codewords if they stay in the section,
                // else its first codeword alone, with its escapes.
                long x = w << used;
                int e = steps[(int) (x >>> (64 - AacCodebooks.Spectral.STEP_BITS))];
                int covered = e >>> 8 & 31;
                if ((e & SLOW_STEP) == 0 && k + covered <= lines) {
                    used += e & 31;
                    k += covered;
                } else {
                    AacCodebooks.Huffman code = book.code;
                    int c = code.lookup((int) (x >>> (64 - code.maxLength)));
                    int index = c >>> 5;
                    used += (c & 31) + book.signBits[index];
                    int escapes = book.escapes[index];
                    k += dimension;
                    if (escapes != 0) {
                        b += used;
                        used = 0;
                        b += escapeSequences(data, b, escapes);
                    }
                }
                b += used;
            }
        }
        bit = b;
    }

    /**
     * The bits of the one or two escape sequences ({@code escapes} 1 or 2: one, 3: two) at {@code at}: hcod_esc is N
     * ones (N at most 8), a zero and an escape_word of N + 4 bits, so two take at most 42 of the 57 bits of a load.
     */
    private long escapeSequences(byte[] data, long at, int escapes) throws Stop {
        if (at > stop) {
            throw past(at);
        }
        long x = (long) BIG_ENDIAN_LONG.get(data, (int) (at >>> 3)) << (at & 7);
        int ones = Long.numberOfLeadingZeros(~x);
        if (ones > 8) {
            throw REJECTED;
        }
        int used = 2 * ones + 5;
        if (escapes == 3) {
            ones = Long.numberOfLeadingZeros(~(x << used));
            if (ones > 8) {
                throw REJECTED;
            }
            used += 2 * ones + 5;
        }
        return used;
    }

    private void dataStreamElement() throws Stop {
        bit += 4; // element_instance_tag
        boolean align = flag();
        int count = u(8);
        if (count == 255) {
            count += u(8);
        }
        if (align) {
            bit = (bit + 7) & ~7L;
        }
        bit += 8L * count;
    }

    private void fillElement() throws Stop {
        int count = u(4);
        if (count == 15) {
            count += u(8) - 1;
        }
        bit += 8L * count;
    }
}
