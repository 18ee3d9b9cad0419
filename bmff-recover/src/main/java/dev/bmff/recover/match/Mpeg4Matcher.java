package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.mpeg4.StartCodes;
import dev.bmff.codecs.mpeg4.VideoObjectLayer;
import dev.bmff.codecs.mpeg4.VopHeader;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import java.io.IOException;
import java.util.Set;

/**
 * MPEG-4 Part 2: a sample is one VOP, preceded by the headers (VOS, VO, VOL, GOV, user data) the reference's samples
 * start with; with a reference that packs a B-VOP after the VOP it depends on (DivX style), that B-VOP too. A VOP
 * carries no length: it ends where the next sample of this track starts (a start code the coded data cannot
 * emulate), unless other tracks' samples come first, which {@link StartCheck#fillStart} finds (the smallest
 * position from which other tracks' samples, each confirmed, fill the gap to that start code exactly).
 *
 * <p>I-VOPs are sync samples. The picture order count is the VOP's time in ticks of vop_time_increment_resolution,
 * counted as a decoder does (modulo_time_base seconds on the last I/P/S VOP's, a GOV's time code resetting them;
 * a B-VOP on the reference VOP before the last), in one epoch: an I-VOP closes no GOP, so the B-VOPs after it in
 * decode order may be shown before it, and times count on across I-VOPs.
 *
 * <pre>{@code
 * SampleMatcher m = new Mpeg4Matcher(config.vol(), Set.of(StartCodes.GOV), false, 8 << 20);
 * }</pre>
 */
public final class Mpeg4Matcher implements SampleMatcher {
    private static final PatternScanner START = PatternScanner.of(BytePattern.ANNEX_B_START_CODE);
    /** Header bytes looked at after a start code: a VOP header, a GOV time code, a whole VOL. */
    private static final int HEADER_BYTES = 256;
    /** How far the search for the next start code reads at a time. */
    private static final int SCAN_STEP = 64 << 10;

    private final VideoObjectLayer vol;
    private final Set<Integer> leading;
    private final boolean packed;
    private final long maxSample;

    // The decoder's time state, changed only by commit.
    private long timeBase;
    private long lastTimeBase;

    /** What a candidate found, for {@link #commit}. */
    private record Found(VopHeader vop, long govSeconds) {
    }

    /**
     * @param vol the reference's video object layer (for the VOP header's time increment width)
     * @param leading the header start codes the reference's samples start with (GOV; VOS, VO, VOL in-band)
     * @param packed whether the reference packs a B-VOP into the sample of the VOP before it
     * @param maxSample the longest sample believed
     */
    public Mpeg4Matcher(VideoObjectLayer vol, Set<Integer> leading, boolean packed, long maxSample) {
        this.vol = vol;
        this.leading = Set.copyOf(leading);
        this.packed = packed;
        this.maxSample = maxSample;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        return sample(w, pos, next, false);
    }

    /** A VOP that runs to the end of the data: its end cannot be known, so it is taken to there. */
    @Override
    public Match unconfirmed(MediaWindow w, long pos) throws IOException {
        return sample(w, pos, null, true);
    }

    private Match sample(MediaWindow w, long pos, StartCheck next, boolean toEnd) throws IOException {
        long govSeconds = -1;
        long p = pos;
        // The headers before the VOP.
        while (true) {
            int code = codeAt(w, p);
            if (code < 0) {
                return null;
            }
            if (code == StartCodes.VOP) {
                break;
            }
            if (!leading.contains(code) && !(p > pos && StartCodes.isHeader(code))) {
                return null;
            }
            if (code == StartCodes.GOV) {
                govSeconds = govSeconds(w, p);
                if (govSeconds < 0) {
                    return null;
                }
            }
            long after = nextStart(w, p + 4, false);
            if (after < 0 || after - pos > HEADER_BYTES * 64L) {
                return null;
            }
            p = after;
        }
        VopHeader vop = vop(w, p);
        if (vop == null) {
            return null;
        }
        long end = nextStart(w, p + 4, true);
        if (packed && end >= 0 && vop.type() != VopHeader.Type.B) {
            VopHeader second = codeAt(w, end) == StartCodes.VOP ? vop(w, end) : null;
            if (second != null && second.type() == VopHeader.Type.B) {
                end = nextStart(w, end + 4, true);
            }
        }
        if (toEnd) {
            if (end >= 0 || w.end() - pos > maxSample) {
                return null;
            }
            end = w.end();
        } else if (end >= 0) {
            end = next.fillStart(p + 5, end);
        } else {
            // No next VOP before the end of the data: the VOP ends there, or where other tracks' samples that fill
            // the rest start (the last VOP of a recording, its audio after it).
            if (w.end() - pos > maxSample) {
                return null;
            }
            end = next.fillStart(p + 5, w.end());
            if (end == w.end()) {
                return null;
            }
        }
        // One epoch: an I-VOP does not close its GOP (the B-VOPs after it in decode order may be shown before it),
        // and VOP times count on across I-VOPs, so the whole track is ordered by time.
        return new Match(end - pos, vop.type() == VopHeader.Type.I, 1, poc(vop, govSeconds), 0,
                new Found(vop, govSeconds));
    }

    @Override
    public Match commit(Match candidate) {
        Found f = (Found) candidate.state();
        if (f.govSeconds() >= 0) {
            timeBase = f.govSeconds();
        }
        if (f.vop().type() != VopHeader.Type.B) {
            lastTimeBase = timeBase;
            timeBase += f.vop().moduloTimeBase();
        }
        return candidate;
    }

    /** The VOP's time in ticks, as {@link #commit} will count it. */
    private long poc(VopHeader vop, long govSeconds) {
        long base = govSeconds >= 0 ? govSeconds : timeBase;
        long last = govSeconds >= 0 ? govSeconds : lastTimeBase;
        long seconds = vop.type() == VopHeader.Type.B ? last + vop.moduloTimeBase() : base + vop.moduloTimeBase();
        return seconds * vol.timeIncrementResolution() + vop.timeIncrement();
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        int code = codeAt(w, pos);
        if (code == StartCodes.VOP) {
            return vop(w, pos) != null;
        }
        return code >= 0 && leading.contains(code) && (code != StartCodes.GOV || govSeconds(w, pos) >= 0);
    }

    /**
     * A start code so close to the end of the data that its header cannot be read: the next sample, cut. The coded
     * data cannot hold a start code, so it is not the VOP's own bytes.
     */
    private boolean cutStart(MediaWindow w, long at) throws IOException {
        if (w.end() - at >= 8) {
            return false;
        }
        int code = w.end() - at >= 4 ? codeAt(w, at) : StartCodes.VOP;
        return code == StartCodes.VOP || leading.contains(code);
    }

    /** The start code's byte at {@code pos}, or -1 when no start code is there. */
    private static int codeAt(MediaWindow w, long pos) throws IOException {
        if (w.ensure(pos, 4) < 4) {
            return -1;
        }
        byte[] a = w.array();
        int i = w.index(pos);
        return StartCodes.isStartCode(a, i) ? a[i + 3] & 0xFF : -1;
    }

    private VopHeader vop(MediaWindow w, long pos) throws IOException {
        int n = w.ensure(pos, 16);
        try {
            return n < 6 ? null : VopHeader.parse(w.array(), w.index(pos) + 4, n - 4, vol);
        } catch (BitstreamException e) {
            return null;
        }
    }

    /** group_of_vop's time_code in seconds, or -1 when it does not parse (a marker bit is 0, a field too large). */
    private static long govSeconds(MediaWindow w, long pos) throws IOException {
        int n = w.ensure(pos, 8);
        if (n < 7) {
            return -1;
        }
        try {
            BitReader r = new BitReader(w.array(), w.index(pos) + 4, 3);
            int hours = r.u(5, "time_code_hours");
            int minutes = r.u(6, "time_code_minutes");
            boolean marker = r.flag("marker_bit");
            int seconds = r.u(6, "time_code_seconds");
            if (!marker || hours > 23 || minutes > 59 || seconds > 59) {
                return -1;
            }
            return seconds + 60L * (minutes + 60L * hours);
        } catch (BitstreamException e) {
            return -1;
        }
    }

    /**
     * Where the next sample of this track starts after {@code from}: the next start code that can begin one (a VOP
     * whose header parses, or a header the reference's samples start with); with {@code sampleStart} false, the next
     * start code of any kind (the next header of the same sample). -1 when the data or {@link #maxSample} ends first.
     */
    private long nextStart(MediaWindow w, long from, boolean sampleStart) throws IOException {
        long limit = Math.min(w.end(), from + maxSample);
        long p = from;
        while (p + 3 <= limit) {
            int n = w.ensure(p, (int) Math.min(SCAN_STEP, limit - p));
            byte[] a = w.array();
            int base = w.index(p);
            int c = START.find(a, base, base + n);
            if (c < 0) {
                if (n < 3 || p + n >= limit) {
                    return -1;
                }
                p += n - 2;
                continue;
            }
            long at = p + (c - base);
            if (!sampleStart || startsHere(w, at) || cutStart(w, at)) {
                return at;
            }
            p = at + 1;
        }
        return -1;
    }

    @Override
    public int quickCheckBytes() {
        return 4;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        int i = from;
        while (i < to) {
            int c = START.find(data, i, to - 1 + quickCheckBytes());
            if (c < 0 || c >= to) {
                return -1;
            }
            int code = data[c + 3] & 0xFF;
            if (code == StartCodes.VOP || leading.contains(code)) {
                return c;
            }
            i = c + 1;
        }
        return -1;
    }

    @Override
    public boolean isStrong() {
        return true;
    }
}
