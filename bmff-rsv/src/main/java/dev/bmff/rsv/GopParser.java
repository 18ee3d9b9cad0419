package dev.bmff.rsv;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.recover.SkippedRange;
import dev.bmff.recover.UnusableReferenceException;
import dev.bmff.recover.match.AvcMatcher;
import dev.bmff.recover.match.HevcMatcher;
import dev.bmff.recover.match.Match;
import dev.bmff.recover.match.SampleMatcher;
import dev.bmff.recover.model.CodecModel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks an RSV file GOP by GOP, in one forward pass, and tells a {@link Sink} where every rtmd packet, video frame
 * and audio chunk is. Nothing is learned once and assumed after: for each GOP
 * <ol>
 * <li>its rtmd packets: the packet size is the distance to the next rtmd header (else the previous GOP's, else the
 *     reference's), the count is how many headers follow at that distance, and an access unit delimiter must come
 *     right after the last;</li>
 * <li>its video frames: every AUD from there on;</li>
 * <li>its end: the next GOP starts at an rtmd header {@code X} only if the audio the counted frames need, {@code A}
 *     bytes (from {@link AudioClock}), fits between the last frame and {@code X}, and that frame's NAL units end
 *     exactly at {@code X - A}. An rtmd-like header (or an AUD-like pattern) inside video or audio data fails this
 *     and is ignored.</li>
 * </ol>
 * Each frame's NAL units are walked with the reference's parameter sets (lengths, headers, first slice header),
 * which confirms the frame and gives its keyframe flag and picture order. A file that ends inside a GOP keeps every
 * frame whose NAL units are whole and, if the video of that GOP ended before the cut, the audio present after it.
 */
final class GopParser {
    /** Where the parser reports what it found, in file order. */
    interface Sink {
        /** {@code packets} complete rtmd packets of {@code packetSize} bytes from {@code offset}. */
        void rtmd(long offset, long packetSize, int packets);

        /** A whole video frame, committed by the video matcher (decode order). */
        void frame(long offset, Match frame);

        /** {@code bytes} of audio track {@code track} (index into {@link RsvLayout#audio()}): {@code frames} frames. */
        void audio(int track, long offset, long bytes, long frames);

        /** How far the pass has come. */
        void progress(long done, long total);
    }

    /**
     * What the pass found.
     *
     * @param gops complete GOPs (the cut last one not counted)
     * @param skipped byte ranges no track keeps, and why
     * @param notes what the layout looked like (packet sizes, frames per GOP), for the report
     */
    record Result(int gops, List<SkippedRange> skipped, List<String> notes) {
    }

    /** Far above any GOP (48 frames seen); a GOP with more frame starts than this is not one. */
    static final int MAX_FRAMES_PER_GOP = 1 << 16;
    private static final long MAX_VIDEO_SAMPLE = 256L << 20;

    private final RsvLayout layout;
    private final long size;
    private final Sink sink;
    private final SampleMatcher video;
    private final BytePattern audPattern;
    private final ForwardScanner scanner;
    private final AudioClock clock;
    private final FrameProbe probe;

    private long framesBefore;
    private long previousPacketSize;
    /** rtmd packets per frame in the last complete GOP (1 until one is seen). */
    private double packetsPerFrame = 1;
    private int gops;
    private final List<SkippedRange> skipped = new ArrayList<>();
    private final Map<Long, Integer> packetSizes = new TreeMap<>();
    private final Map<Integer, Integer> framesPerGop = new TreeMap<>();
    private final Map<Integer, Integer> packetsPerGop = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    // The GOP being parsed.
    private long[] auds = new long[64];
    private int audCount;
    private Match[] walked = new Match[64];

    GopParser(RsvLayout layout, FileChannel channel, Sink sink) throws IOException {
        this.layout = layout;
        this.size = channel.size();
        this.sink = sink;
        this.audPattern = layout.hevc() ? BytePattern.HEVC_AUD : BytePattern.H264_AUD;
        this.scanner = new ForwardScanner(channel, size, PatternScanner.of(audPattern), ForwardScanner.WINDOW);
        this.clock = new AudioClock(layout.frameDuration(), layout.videoTimescale());
        long maxVideo = Math.min(MAX_VIDEO_SAMPLE, Math.max(8L << 20, 16 * layout.videoModel().sizes().max()));
        CodecModel c = layout.videoModel().codec();
        try {
            this.video = c instanceof CodecModel.Avc a ? AvcMatcher.of(a.config(), maxVideo)
                    : HevcMatcher.of(((CodecModel.Hevc) c).config(), maxVideo);
        } catch (BitstreamException e) {
            throw new UnusableReferenceException("reference video: " + e.getMessage(), e);
        }
        this.probe = new FrameProbe(channel, size, video, audPattern);
        this.previousPacketSize = layout.rtmd() == null ? 0 : layout.rtmd().packetSize();
    }

    Result parse() throws IOException {
        long start = 0;
        while (start < size) {
            sink.progress(start, size);
            long next = gop(start);
            if (next < 0) {
                break;
            }
            start = next;
        }
        sink.progress(size, size);
        notes.add(0, describe());
        return new Result(gops, skipped, notes);
    }

    /** Parses the GOP at {@code start}; returns where the next one starts, or -1 when the file ended. */
    private long gop(long start) throws IOException {
        long[] block = probe.rtmdBlock(start, previousPacketSize);
        if (block == null) {
            if (start == 0) {
                throw new RsvFormatException("no rtmd packets followed by " + (layout.hevc() ? "HEVC" : "H.264")
                        + " video at the start of the file: not an RSV file of the reference's settings");
            }
            skip(start, size, "no GOP starts here (no rtmd packets followed by video): the rest is left out");
            return -1;
        }
        long packetSize = block[0];
        int packets = (int) block[1];
        long videoStart = start + packets * packetSize;
        if (videoStart + audPattern.length() > size) {
            // The file ends inside (or right after) the rtmd block: keep nothing of this GOP.
            skip(start, size, "the file ends inside the rtmd packets of the last GOP");
            return -1;
        }
        audCount = 0;
        scanner.seek(videoStart);
        for (long at = scanner.next(); at >= 0; at = scanner.next()) {
            if (scanner.kind() == ForwardScanner.Kind.AUD) {
                if (audCount == MAX_FRAMES_PER_GOP) {
                    skip(start, size, "more than " + MAX_FRAMES_PER_GOP + " frame starts without a next GOP:"
                            + " the rest is left out");
                    return -1;
                }
                addAud(at);
            } else if (at > videoStart && accept(start, packetSize, packets, at)) {
                return at;
            }
        }
        tail(start, packetSize, packets, videoStart);
        return -1;
    }

    private void addAud(long at) {
        if (audCount == auds.length) {
            auds = Arrays.copyOf(auds, audCount * 2);
            walked = Arrays.copyOf(walked, audCount * 2);
        }
        auds[audCount] = at;
        walked[audCount] = null;
        audCount++;
    }

    /**
     * Whether the next GOP starts at the rtmd header {@code next}: some count {@code f} of the frames found so far,
     * with the audio {@code f} frames need, ends exactly there. Emits the GOP when it does.
     */
    private boolean accept(long start, long packetSize, int packets, long next) throws IOException {
        // Fewer frames need less audio, so the video would end later while the next AUD comes earlier: once an AUD
        // lies before where the video would end, it does for every smaller count too. Only the AUD-like patterns
        // inside the audio are tried, so a false rtmd header costs little however long the GOP.
        for (int f = mostFrames(next); f >= 1; f--) {
            long lastFrame = auds[f - 1];
            boolean audBeforeEnd = true;
            for (int k = 0; k < 3; k++) {
                long[] sizes = audioSizes(f, k);
                if (sizes == null) {
                    continue;
                }
                long audio = sum(sizes);
                long videoEnd = next - audio;
                if (f < audCount && auds[f] < videoEnd) {
                    continue;
                }
                audBeforeEnd = false;
                if (videoEnd <= lastFrame) {
                    continue;
                }
                Match last = probe.walk(lastFrame, videoEnd);
                if (last == null || !framesBefore(f)) {
                    continue;
                }
                emitRtmd(start, packetSize, packets);
                for (int i = 0; i < f - 1; i++) {
                    sink.frame(auds[i], video.commit(walked[i]));
                }
                sink.frame(lastFrame, video.commit(last));
                emitAudio(videoEnd, sizes, size);
                framesBefore += f;
                previousPacketSize = packetSize;
                packetsPerFrame = (double) packets / f;
                count(packetSize, packets, f);
                if (f < audCount) {
                    notes.add("GOP at " + start + ": " + (audCount - f) + " AUD-like pattern(s) in its audio ignored");
                }
                return true;
            }
            if (audBeforeEnd) {
                return false;
            }
        }
        return false;
    }

    /**
     * The most frames (of those found) whose last one starts before {@code next} less the least audio they need:
     * more frames need more audio and start their last frame later, so a binary search finds it.
     */
    private int mostFrames(long next) {
        int lo = 0;
        int hi = audCount;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (auds[mid - 1] + leastAudio(mid) < next) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The fewest audio bytes {@code frames} frames can need (each track's count rounded down). */
    private long leastAudio(int frames) {
        long total = 0;
        for (int t = 0; t < layout.audio().size(); t++) {
            var format = layout.audioFormat(t);
            total += clock.samplesRoundedDown(frames, Math.round(format.sampleRate())) * format.bytesPerFrame();
        }
        return total;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s = Math.addExact(s, v);
        }
        return s;
    }

    private void count(long packetSize, int packets, int frames) {
        gops++;
        packetSizes.merge(packetSize, 1, Integer::sum);
        framesPerGop.merge(frames, 1, Integer::sum);
        packetsPerGop.merge(packets, 1, Integer::sum);
    }

    /** Frames 0 to f - 2 each walk exactly to the next AUD. */
    private boolean framesBefore(int f) throws IOException {
        for (int i = 0; i < f - 1; i++) {
            if (walked[i] == null) {
                walked[i] = probe.walk(auds[i], auds[i + 1]);
                if (walked[i] == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The audio bytes of each track for a GOP of {@code frames} frames, by rounding choice {@code k}. */
    private long[] audioSizes(int frames, int k) {
        int tracks = layout.audio().size();
        long[] out = new long[tracks];
        boolean distinct = k == 0;
        for (int t = 0; t < tracks; t++) {
            var format = layout.audioFormat(t);
            List<Long> c = clock.candidates(framesBefore, frames, Math.round(format.sampleRate()));
            distinct |= k < c.size();
            out[t] = c.get(Math.min(k, c.size() - 1)) * format.bytesPerFrame();
        }
        return distinct ? out : null;
    }

    private void emitRtmd(long start, long packetSize, int packets) {
        if (packets > 0) {
            sink.rtmd(start, packetSize, packets);
        }
    }

    /**
     * Audio from {@code at}, each track after the one before, as far as {@code limit} (whole PCM frames); returns
     * where the kept audio ends.
     */
    private long emitAudio(long at, long[] sizes, long limit) {
        long p = at;
        long end = at;
        for (int t = 0; t < sizes.length; t++) {
            int frame = layout.audioFormat(t).bytesPerFrame();
            long frames = Math.max(0, Math.min(sizes[t], limit - p)) / frame;
            if (frames > 0) {
                sink.audio(t, p, frames * frame, frames);
                end = p + frames * frame;
            }
            p += sizes[t];
        }
        return end;
    }

    /**
     * The last GOP, cut by the end of the file: every frame whose NAL units are whole; the audio present after the
     * last frame when the video of the GOP visibly ended (bytes that are no NAL unit follow it).
     */
    private void tail(long start, long packetSize, int packets, long videoStart) throws IOException {
        int kept = 0;
        long keptEnd = videoStart;
        long videoEnd = -1;
        List<Match> frames = new ArrayList<>();
        for (int i = 0; i < audCount; i++) {
            long a = auds[i];
            Match m = i + 1 < audCount ? probe.walk(a, auds[i + 1]) : null;
            if (m != null) {
                frames.add(m);
                kept++;
                keptEnd = auds[i + 1];
                continue;
            }
            // No next AUD, or an AUD-like pattern in the audio after this frame: walk to wherever it ends.
            m = probe.walkOpen(a);
            if (m == null) {
                break;
            }
            long end = a + m.length();
            if (end < size && probe.audPrefixAt(end)) {
                // The next frame's delimiter, cut: this frame is whole and the video goes on; no audio is here.
                frames.add(m);
                kept++;
                keptEnd = end;
                break;
            }
            if (end < size && (probe.cutAt(end) || probe.matches(audPattern, end))) {
                break;
            }
            frames.add(m);
            kept++;
            keptEnd = end;
            if (end < size) {
                videoEnd = end;
            }
            break;
        }
        long[] sizes = audioSizes(kept, 0);
        long audioTotal = sum(sizes);
        // The file may end exactly where this GOP does: then it is whole.
        boolean whole = kept > 0 && (videoEnd >= 0 ? videoEnd + audioTotal == size
                : keptEnd == size && audioTotal == 0);
        int keptPackets = whole ? packets : (int) Math.min(packets, Math.round(kept * packetsPerFrame));
        emitRtmd(start, packetSize, keptPackets);
        for (int i = 0; i < frames.size(); i++) {
            sink.frame(auds[i], video.commit(frames.get(i)));
        }
        long end = kept == 0 ? start + (long) keptPackets * packetSize : keptEnd;
        if (videoEnd >= 0) {
            end = emitAudio(videoEnd, sizes, size);
        }
        if (whole) {
            count(packetSize, packets, kept);
            return;
        }
        if (end < size) {
            String why = videoEnd >= 0 ? "the audio of the last GOP is cut" : kept < audCount || audCount == 0
                    ? "the file ends inside a video frame of the last GOP" : "the last GOP is cut";
            skip(end, size, why + " (" + kept + " whole frame(s) of it kept)");
        }
        if (kept > 0) {
            notes.add("the last GOP (at " + start + ") is cut by the end of the file: " + kept + " whole frame(s)"
                    + (videoEnd >= 0 ? " and the audio present after them" : "") + " kept");
        }
    }

    private void skip(long from, long to, String why) {
        if (to > from) {
            skipped.add(new SkippedRange(from, to - from, why));
        }
    }

    private String describe() {
        return gops + " complete GOP(s); rtmd packet sizes " + packetSizes + ", rtmd packets per GOP " + packetsPerGop
                + ", frames per GOP " + framesPerGop + " (size: count)";
    }
}
