package dev.bmff.rsv;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.recover.match.Match;
import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.match.SampleMatcher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The small positional reads the GOP parser decides with: is there an rtmd header or an AUD here, how big is the
 * rtmd block that starts here, does a frame's NAL units end exactly there, does the end of the file cut a NAL
 * unit. Only headers are read (the NAL lengths, headers and first slice header of a frame; 12 bytes of an rtmd
 * packet), never the media in between.
 */
final class FrameProbe {
    /** Far above any rtmd packet seen (29,696 bytes). */
    static final long MAX_PACKET = 1 << 20;
    /** Walking a frame reads its NAL headers and first slice header only: small reads. */
    private static final int WALK_WINDOW = 4096;
    /**
     * After the last whole frame of a cut GOP, fewer bytes than this cannot tell audio (the frame is whole) from the
     * start of another NAL unit of the same frame (it is not).
     */
    static final int MIN_AUDIO_EVIDENCE = 16;

    private final FileChannel channel;
    private final long size;
    private final SampleMatcher video;
    private final BytePattern aud;
    private final PatternScanner rtmd = PatternScanner.of(RsvLayout.RTMD_HEADER);
    private final ByteBuffer small = ByteBuffer.allocate(16);
    private final byte[] headerSearch = new byte[64 << 10];

    FrameProbe(FileChannel channel, long size, SampleMatcher video, BytePattern aud) {
        this.channel = channel;
        this.size = size;
        this.video = video;
        this.aud = aud;
    }

    /**
     * The packet size and count of the rtmd block at {@code start}: {packetSize, packets}, or null when no size
     * gives consecutive headers followed by an AUD (or by the end of the file). The size is the distance to the next
     * rtmd header, else {@code previousSize}; a packet the end of the file cuts is not counted.
     */
    long[] rtmdBlock(long start, long previousSize) throws IOException {
        if (!matches(RsvLayout.RTMD_HEADER, start)) {
            return null;
        }
        long[] candidates = {nextHeaderDistance(start), previousSize};
        for (int k = 0; k < candidates.length; k++) {
            long p = candidates[k];
            if (p < RsvLayout.RTMD_HEADER.length() || (k == 1 && p == candidates[0])) {
                continue;
            }
            long n = 1;
            while (matches(RsvLayout.RTMD_HEADER, start + n * p)) {
                n++;
            }
            long videoStart = start + n * p;
            if (videoStart + aud.length() > size || matches(aud, videoStart)) {
                if (n > Integer.MAX_VALUE) {
                    return null;
                }
                if (videoStart > size) {
                    n--;      // the last header's packet is cut
                }
                return new long[] {p, n};
            }
        }
        return null;
    }

    /** The distance from {@code start} to the next rtmd header within {@link #MAX_PACKET}, or 0. */
    private long nextHeaderDistance(long start) throws IOException {
        int len = RsvLayout.RTMD_HEADER.length();
        long end = Math.min(size, start + MAX_PACKET + len);
        long at = start + 1;
        while (at + len <= end) {
            int n = read(headerSearch, at, (int) Math.min(headerSearch.length, end - at));
            int i = rtmd.find(headerSearch, 0, n);
            if (i >= 0) {
                return at + i - start;
            }
            if (n < headerSearch.length) {
                return 0;
            }
            at += n - (len - 1);
        }
        return 0;
    }

    /** The frame from {@code from} if its NAL units end exactly at {@code to}, else null. */
    Match walk(long from, long to) throws IOException {
        Match m = video.match(new MediaWindow(channel, from, to, WALK_WINDOW), from, null, false);
        return m != null && m.length() == to - from ? m : null;
    }

    /** The frame from {@code from} as far as its NAL units go (the end of the file at most), or null. */
    Match walkOpen(long from) throws IOException {
        return video.match(new MediaWindow(channel, from, size, WALK_WINDOW), from, null, false);
    }

    /**
     * True when the bytes at {@code pos} look like a NAL unit that the end of the file cuts (the frame before it is
     * then incomplete), or there are too few bytes left to tell.
     */
    boolean cutAt(long pos) throws IOException {
        if (size - pos < MIN_AUDIO_EVIDENCE) {
            return true;
        }
        MediaWindow w = new MediaWindow(channel, pos, size, WALK_WINDOW);
        long len = w.ensure(pos, 4) == 4 ? w.bigEndian(pos, 4) : 0;
        return pos + 4 + len > size && video.startsHere(w, pos);
    }

    /** True when the bytes from {@code pos} to the end of the file are the start of an AUD (fewer than all of it). */
    boolean audPrefixAt(long pos) throws IOException {
        long left = size - pos;
        if (left <= 0 || left >= aud.length()) {
            return false;
        }
        fill(pos, (int) left);
        for (int i = 0; i < left; i++) {
            if (((small.get(i) ^ aud.valueAt(i)) & aud.maskAt(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code p} matches at {@code at}, wholly inside the file. */
    boolean matches(BytePattern p, long at) throws IOException {
        if (at < 0 || at + p.length() > size) {
            return false;
        }
        return fill(at, p.length()) && p.matches(small.array(), 0);
    }

    private boolean fill(long at, int length) throws IOException {
        small.clear().limit(length);
        return PositionalReads.readUpTo(channel, at, small) == length;
    }

    private int read(byte[] buf, long at, int length) throws IOException {
        return PositionalReads.readUpTo(channel, at, ByteBuffer.wrap(buf, 0, length));
    }
}
