package dev.bmff.recover.match;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Uncompressed audio (twos, sowt, in24, lpcm, ...): PCM has no signature, so a chunk is found by its length. The
 * muxer writes whole audio packets of {@code packetBytes} between other tracks' samples; a chunk of k packets is
 * taken when another track's sample plausibly starts right after it (or the data ends there). The candidates are
 * tried nearest first to the packet count the timing predicts.
 *
 * <p>Where the data was cut, its end says little: it falls on a packet boundary by chance. So a chunk is confirmed by
 * the end only when no packet count is confirmed by a sample start, and only where no other track's sample starts
 * (otherwise a picture and the audio after it would be taken as one chunk). The last chunk keeps its whole frames,
 * except a packet's first few bytes ({@link #UNRECOGNIZABLE}): too few to tell them from the start of another
 * track's sample the cut left, they are left out.
 *
 * <pre>{@code
 * SampleMatcher m = new PcmMatcher(2, 2048, 8, () -> 2);
 * }</pre>
 */
public final class PcmMatcher implements SampleMatcher {
    /**
     * Fewer bytes than any track's sample start can be recognized by: a NAL unit needs its 4-byte length and a
     * 1- or 2-byte header, an audio frame more.
     */
    static final long UNRECOGNIZABLE = 8;

    private final int bytesPerFrame;
    private final long packetBytes;
    private final int maxPackets;
    private final LongSupplier expectedPackets;

    /**
     * @param bytesPerFrame bytes of one PCM frame (all channels)
     * @param packetBytes the unit the reference's chunk sizes are multiples of
     * @param maxPackets the most packets a chunk of the reference holds, plus a margin
     * @param expectedPackets the packet count the timing predicts for the next chunk
     */
    public PcmMatcher(int bytesPerFrame, long packetBytes, int maxPackets, LongSupplier expectedPackets) {
        if (bytesPerFrame < 1 || packetBytes < bytesPerFrame || packetBytes % bytesPerFrame != 0 || maxPackets < 1) {
            throw new IllegalArgumentException("PCM frame " + bytesPerFrame + ", packet " + packetBytes);
        }
        this.bytesPerFrame = bytesPerFrame;
        this.packetBytes = packetBytes;
        this.maxPackets = maxPackets;
        this.expectedPackets = expectedPackets;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        if (resync) {
            // Inside unrecognized bytes PCM cannot be told from garbage.
            return null;
        }
        long left = w.end() - pos;
        long expected = Math.max(1, Math.min(maxPackets, expectedPackets.getAsLong()));
        for (int step = 0; step < 2 * maxPackets; step++) {
            // expected, expected + 1, expected - 1, expected + 2, ...
            long k = expected + ((step & 1) == 0 ? step / 2 : -(step + 1) / 2);
            if (k < 1 || k > maxPackets) {
                continue;
            }
            long length = k * packetBytes;
            if (length < left && next.startsAt(pos + length)) {
                return chunk(length);
            }
        }
        // Only the end of the data is left to confirm a chunk: not where another track's sample starts.
        if (left <= (long) maxPackets * packetBytes && !next.startsAt(pos)) {
            if (left % packetBytes == 0) {
                return chunk(left);
            }
            // The last chunk before a cut: its whole frames, but not a packet's first few bytes, which may as well
            // be the start of another track's sample cut too short to tell (packets that small are frames).
            long tail = left % packetBytes;
            long length = tail < UNRECOGNIZABLE && packetBytes > UNRECOGNIZABLE ? left - tail
                    : left - left % bytesPerFrame;
            if (length > 0) {
                return chunk(length);
            }
        }
        return null;
    }

    private Match chunk(long length) {
        return new Match(length, true, length / bytesPerFrame, 0, 0, null);
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) {
        return false;
    }

    /**
     * PCM has no signature: a chunk taken because a start check passed some packets later yields to another track's
     * signed sample at the same position (the walk asks PCM first while it is due, also inside a video chunk).
     */
    @Override
    public boolean signed() {
        return false;
    }

    public int bytesPerFrame() {
        return bytesPerFrame;
    }
}
