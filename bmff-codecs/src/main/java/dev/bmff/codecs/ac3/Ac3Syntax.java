package dev.bmff.codecs.ac3;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.sync.SyncFrameSyntax;

/**
 * The sync frames of one AC-3 or E-AC-3 stream, each checked by its CRC. An AC-3 MP4 sample is one frame. An E-AC-3
 * sample (ETSI TS 102 366 F.7) is 6 blocks of audio: an independent frame of substream 0, the frames of the other
 * substreams that follow it (dependent or independent), and, when its frames hold fewer than 6 blocks, the next
 * frames of substream 0 up to 6 (as ffmpeg's muxer groups them).
 *
 * <pre>{@code
 * SyncFrameSyntax s = Ac3Syntax.ac3(Ac3Header.parse(firstSample, 0));
 * int n = s.sampleLength(buf, pos, available);
 * }</pre>
 */
public final class Ac3Syntax implements SyncFrameSyntax {
    private static final int MAX_FRAMES_PER_SAMPLE = 48;

    private final boolean enhanced;
    private final int fscod;
    private final int acmod;
    private final boolean lfeon;

    private Ac3Syntax(boolean enhanced, int fscod, int acmod, boolean lfeon) {
        this.enhanced = enhanced;
        this.fscod = fscod;
        this.acmod = acmod;
        this.lfeon = lfeon;
    }

    /** The AC-3 stream whose frames have the rate and coding mode of {@code h}. */
    public static Ac3Syntax ac3(Ac3Header h) {
        return new Ac3Syntax(false, h.fscod(), h.acmod(), h.lfeon());
    }

    /** The E-AC-3 stream whose substream 0 has the rate and coding mode of {@code h}. */
    public static Ac3Syntax eac3(Eac3Header h) {
        return new Ac3Syntax(true, h.fscod() == 3 ? 3 + h.fscod2() : h.fscod(), h.acmod(), h.lfeon());
    }

    /** The AC-3 stream a {@code dac3} describes. */
    public static Ac3Syntax of(Ac3Specific dac3) {
        return new Ac3Syntax(false, dac3.fscod(), dac3.acmod(), dac3.lfeon());
    }

    /** The E-AC-3 stream a {@code dec3} describes (its first independent substream). */
    public static Ac3Syntax of(Eac3Specific dec3) {
        Eac3Specific.Substream s = dec3.substreams().get(0);
        return new Ac3Syntax(true, s.fscod(), s.acmod(), s.lfeon());
    }

    @Override
    public String format() {
        return enhanced ? "E-AC-3" : "AC-3";
    }

    @Override
    public boolean checked() {
        return true;
    }

    @Override
    public int headerBytes() {
        return Ac3Header.LENGTH;
    }

    @Override
    public int maxSampleBytes() {
        return enhanced ? 16 * Eac3Header.MAX_FRAME_LENGTH : Ac3Header.MAX_FRAME_LENGTH;
    }

    @Override
    public boolean headerAt(byte[] b, int offset, int available) {
        if (available < Ac3Header.LENGTH || !Ac3Header.isSync(b, offset)) {
            return false;
        }
        return enhanced ? startOfSample(eac3(b, offset)) : ac3Frame(b, offset) != null;
    }

    @Override
    public int sampleLength(byte[] b, int offset, int available) {
        if (available < Ac3Header.LENGTH || !Ac3Header.isSync(b, offset)) {
            return NOT_A_FRAME;
        }
        if (!enhanced) {
            Ac3Header h = ac3Frame(b, offset);
            return h != null && h.frameLength() <= available && Ac3Header.crcOk(b, offset, h.frameLength())
                    ? h.frameLength() : NOT_A_FRAME;
        }
        Eac3Header first = eac3(b, offset);
        if (!startOfSample(first)) {
            return NOT_A_FRAME;
        }
        int length = 0;
        int blocks = 0;
        for (int frames = 0; frames < MAX_FRAMES_PER_SAMPLE; frames++) {
            Eac3Header h = frames == 0 ? first : eac3(b, offset + length, available - length);
            if (h == null || (frames > 0 && h.startsSample() && blocks >= 6)) {
                break;
            }
            int n = h.frameLength();
            if (n > available - length || !Ac3Header.crcOk(b, offset + length, n)) {
                if (frames == 0) {
                    return NOT_A_FRAME;
                }
                break;
            }
            if (h.startsSample()) {
                blocks += h.blocks();
            }
            length += n;
        }
        return length;
    }

    private Ac3Header ac3Frame(byte[] b, int offset) {
        if (offset > b.length - Ac3Header.LENGTH || Ac3Header.bsid(b, offset) > 10) {
            return null;
        }
        try {
            Ac3Header h = Ac3Header.parse(b, offset);
            return h.fscod() == fscod && h.acmod() == acmod && h.lfeon() == lfeon ? h : null;
        } catch (BitstreamException notAFrame) {
            return null;
        }
    }

    private boolean startOfSample(Eac3Header h) {
        return h != null && h.startsSample() && (h.fscod() == 3 ? 3 + h.fscod2() : h.fscod()) == fscod
                && h.acmod() == acmod && h.lfeon() == lfeon;
    }

    private static Eac3Header eac3(byte[] b, int offset, int available) {
        return available >= Eac3Header.LENGTH && Ac3Header.isSync(b, offset) ? eac3(b, offset) : null;
    }

    private static Eac3Header eac3(byte[] b, int offset) {
        if (offset > b.length - Eac3Header.LENGTH) {
            return null;
        }
        try {
            return Eac3Header.parse(b, offset);
        } catch (BitstreamException notAFrame) {
            return null;
        }
    }
}
