package dev.bmff.codecs.ac3;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@code dec3} box, the EC3SpecificBox of an {@code ec-3} sample entry (ETSI TS 102 366 F.6): the
 * data rate and, per independent substream, its rate, mode and how many dependent substreams belong to it.
 *
 * <pre>{@code
 * Eac3Specific dec3 = Eac3Specific.of(List.of(Eac3Header.parse(firstSample, 0)));
 * byte[] payload = dec3.toBytes();
 * }</pre>
 *
 * @param dataRate kbit/s of the whole stream
 * @param substreams the independent substreams, in substreamid order
 */
public record Eac3Specific(int dataRate, List<Substream> substreams) {
    /**
     * One independent substream.
     *
     * @param numDepSub dependent substreams that belong to it (0..15)
     * @param chanLoc with dependent substreams: the channel locations they add (9 bits); 0 otherwise
     */
    public record Substream(int fscod, int bsid, boolean asvc, int bsmod, int acmod, boolean lfeon, int numDepSub,
            int chanLoc) {
    }

    public Eac3Specific {
        substreams = List.copyOf(substreams);
        if (substreams.isEmpty() || substreams.size() > 8) {
            throw new IllegalArgumentException("1 to 8 independent substreams: " + substreams.size());
        }
    }

    /**
     * What the sync frames of one MP4 sample ({@code frames}, in order) give: one substream per independent frame of
     * the first 6 blocks, the dependent frames after it counted to it; the data rate is the sum of their bitrates.
     * The channel locations of dependent substreams (in their {@code chanmap}) and the bsmod (deep in the frame's
     * informational metadata) are not read: written as 0.
     */
    public static Eac3Specific of(List<Eac3Header> frames) {
        List<Substream> subs = new ArrayList<>();
        int[] deps = new int[8];
        long rate = 0;
        int last = -1;
        for (Eac3Header h : frames) {
            if (h.strmtyp() != Eac3Header.DEPENDENT) {
                if (h.substreamid() <= last) {
                    continue;
                }
                last = h.substreamid();
                subs.add(new Substream(h.fscod() == 3 ? h.fscod2() : h.fscod(), h.bsid(), false, 0, h.acmod(),
                        h.lfeon(), 0, 0));
                rate += h.bitrate();
            } else if (last >= 0) {
                deps[subs.size() - 1]++;
                rate += h.bitrate();
            }
        }
        if (subs.isEmpty()) {
            throw new IllegalArgumentException("no independent frame among " + frames.size());
        }
        for (int i = 0; i < subs.size(); i++) {
            Substream s = subs.get(i);
            subs.set(i, new Substream(s.fscod(), s.bsid(), s.asvc(), s.bsmod(), s.acmod(), s.lfeon(),
                    Math.min(15, deps[i]), 0));
        }
        return new Eac3Specific((int) Math.min(8191, rate / 1000), subs);
    }

    /** Parses a {@code dec3} payload; offsets count from its first byte. */
    public static Eac3Specific parse(byte[] payload) throws BitstreamException {
        BitReader r = new BitReader(payload);
        int dataRate = r.u(13, "data_rate");
        int n = r.u(3, "num_ind_sub") + 1;
        List<Substream> subs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int fscod = r.u(2, "fscod");
            if (fscod == 3) {
                throw r.error(Kind.RESERVED, r.position() - 2, "fscod: 11 is reserved");
            }
            int bsid = r.u(5, "bsid");
            r.skip(1, "reserved");
            boolean asvc = r.flag("asvc");
            int bsmod = r.u(3, "bsmod");
            int acmod = r.u(3, "acmod");
            boolean lfeon = r.flag("lfeon");
            r.skip(3, "reserved");
            int deps = r.u(4, "num_dep_sub");
            int chanLoc = deps > 0 ? r.u(9, "chan_loc") : 0;
            if (deps == 0) {
                r.skip(1, "reserved");
            }
            subs.add(new Substream(fscod, bsid, asvc, bsmod, acmod, lfeon, deps, chanLoc));
        }
        return new Eac3Specific(dataRate, subs);
    }

    /** The {@code dec3} payload. */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        w.u(13, dataRate);
        w.u(3, substreams.size() - 1);
        for (Substream s : substreams) {
            w.u(2, s.fscod());
            w.u(5, s.bsid());
            w.u(1, 0);
            w.u(1, s.asvc() ? 1 : 0);
            w.u(3, s.bsmod());
            w.u(3, s.acmod());
            w.u(1, s.lfeon() ? 1 : 0);
            w.u(3, 0);
            w.u(4, s.numDepSub());
            w.u(s.numDepSub() > 0 ? 9 : 1, s.numDepSub() > 0 ? s.chanLoc() : 0);
        }
        return w.toByteArray();
    }

    /** Hz of the first independent substream. */
    public int sampleRate() {
        return Ac3Header.RATES[substreams.get(0).fscod()];
    }

    /** Channels of the independent substreams, LFE counted (those dependent substreams add are not counted). */
    public int channels() {
        int n = 0;
        for (Substream s : substreams) {
            n += Ac3Header.CHANNELS[s.acmod()] + (s.lfeon() ? 1 : 0);
        }
        return n;
    }
}
