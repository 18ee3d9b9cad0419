package dev.bmff.codecs.aac;

/** The 13 sampling frequencies an AAC frequency index names (ISO/IEC 14496-3, Table 1.18). */
public final class SamplingFrequencies {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

    private SamplingFrequencies() {
    }

    /** The rate of {@code index} (0..12), or -1 for a reserved index. */
    public static int rate(int index) {
        return index >= 0 && index < RATES.length ? RATES[index] : -1;
    }

    /** The index of {@code rate}, or 15 (explicit rate follows) when it has none. */
    public static int index(int rate) {
        for (int i = 0; i < RATES.length; i++) {
            if (RATES[i] == rate) {
                return i;
            }
        }
        return 15;
    }
}
