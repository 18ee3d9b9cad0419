package dev.bmff.codecs.entry;

/**
 * The {@code btrt} box fields (ISO/IEC 14496-12 8.5.2.2), also used for the esds DecoderConfigDescriptor.
 *
 * <pre>{@code
 * Bitrate b = new Bitrate(0, 2_000_000, 1_500_000);
 * }</pre>
 *
 * @param bufferSizeDb decoding buffer size in bytes
 * @param maxBitrate bits per second over any one-second window
 * @param avgBitrate bits per second over the whole stream
 */
public record Bitrate(long bufferSizeDb, long maxBitrate, long avgBitrate) {
    /** No bitrate known: no {@code btrt} box is written. */
    public static final Bitrate NONE = new Bitrate(0, 0, 0);

    public Bitrate {
        for (long v : new long[] {bufferSizeDb, maxBitrate, avgBitrate}) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("btrt fields are 32-bit unsigned: " + v);
            }
        }
    }

    /** True unless this is {@link #NONE}. */
    public boolean known() {
        return !equals(NONE);
    }
}
