package dev.bmff.codecs.sync;

/**
 * An audio format whose frames start with a sync word and a header that gives the frame's length: MPEG audio
 * (MP3), AC-3 and E-AC-3. What a tool splitting raw media data needs is the same for all of them: given bytes at a
 * position, the length of the MP4 sample that starts there, or that none does. An instance is made for one stream
 * (its sample rate, layer, channels...), so frames of another stream are not taken for its own.
 *
 * <pre>{@code
 * SyncFrameSyntax mp3 = MpegAudioSyntax.of(firstHeader);
 * int n = mp3.sampleLength(buf, pos, buf.length - pos);
 * if (n > 0) { ... a sample of n bytes starts at pos ... }
 * }</pre>
 */
public interface SyncFrameSyntax {
    /** What {@link #sampleLength} returns where no sample of the stream starts. */
    int NOT_A_FRAME = -1;

    /** A short name of the format, e.g. "MP3", "AC-3". */
    String format();

    /** The bytes {@link #sampleLength} needs to read the length of a sample (its first header). */
    int headerBytes();

    /** The most bytes one sample of the stream can have: a caller that has these at hand has the whole sample. */
    int maxSampleBytes();

    /**
     * The length of the MP4 sample (one frame, or for E-AC-3 an independent frame and the frames that belong to it)
     * at {@code offset}, or {@link #NOT_A_FRAME}: no frame of this stream starts there, or its check (a CRC where the
     * format has one) fails, or it does not fit in the {@code available} bytes. Never throws on any bytes.
     */
    int sampleLength(byte[] b, int offset, int available);

    /**
     * Whether {@link #sampleLength} checks a CRC over the whole sample (AC-3, E-AC-3), so that a length it gives is
     * all but certain; false where only the header is checked (MP3), and what follows must confirm it.
     */
    boolean checked();

    /**
     * Whether a frame header of this stream starts at {@code offset}, when fewer bytes than the whole frame may be
     * available (the end of the data cuts it): the sync word and a header that fits the stream.
     */
    boolean headerAt(byte[] b, int offset, int available);
}
