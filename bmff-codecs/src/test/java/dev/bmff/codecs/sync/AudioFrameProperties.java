package dev.bmff.codecs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.codecs.ac3.Ac3Header;
import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Ac3Syntax;
import dev.bmff.codecs.ac3.Eac3Header;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.alac.AlacFrameParser;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.flac.FlacFrameHeader;
import dev.bmff.codecs.flac.FlacFrameParser;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.mpa.MpegAudioSyntax;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.FuzzRegressions;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The FLAC, ALAC, MPEG audio and AC-3/E-AC-3 parsers on hostile input: random bytes, and real frames (encoded by
 * ffmpeg once per run) with flipped bits, cut short or with bytes inserted. A parser's only failure is a
 * {@link BitstreamException}; a {@link SyncFrameSyntax} never throws and what it accepts fits the data; the ALAC
 * parser's length fits the data.
 */
public class AudioFrameProperties {
    /** Where the inputs these properties fail on go. */
    public static final String TARGET = "audio";

    /** A real ALAC and a real FLAC stream's frames with their configurations. */
    record Real(AlacFrameParser alac, List<byte[]> alacFrames, StreamInfo flac, List<byte[]> flacFrames) {
    }

    private static Real real;

    static synchronized Real real() {
        if (real == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "audio-properties"));
                Path alac = make(dir.resolve("alac.m4a"), "alac");
                Path flac = make(dir.resolve("flac.mp4"), "flac");
                real = new Real(new AlacFrameParser(AlacConfig.parse(config(alac, "alac"))), frames(alac),
                        StreamInfo.parseDfLa(config(flac, "dfLa")), frames(flac));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return real;
    }

    private static Path make(Path out, String codec) {
        if (!Files.exists(out)) {
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=300:sample_rate=48000", "-f", "lavfi", "-i", "anoisesrc=a=0.05:r=48000", "-filter_complex",
                    "amerge", "-t", "0.5", "-c:a", codec, "-strict", "-2", out.toString());
        }
        return out;
    }

    private static byte[] config(Path file, String type) throws Exception {
        byte[] all = Files.readAllBytes(file);
        // The last box of the type: an alac entry holds an alac box.
        for (int i = all.length - 4; i >= 4; i--) {
            if (all[i] == type.charAt(0) && all[i + 1] == type.charAt(1) && all[i + 2] == type.charAt(2)
                    && all[i + 3] == type.charAt(3)) {
                int size = java.nio.ByteBuffer.wrap(all, i - 4, 4).getInt();
                if (size >= 8 + 24 && size < 200) {
                    return Arrays.copyOfRange(all, i + 4, i - 4 + size);
                }
            }
        }
        throw new IllegalStateException("no " + type + " in " + file);
    }

    private static List<byte[]> frames(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        TrackSamples t = SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks().get(0);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < t.sampleCount(); i++) {
            out.add(Arrays.copyOfRange(all, (int) t.offset(i), (int) (t.offset(i) + t.size(i))));
        }
        return out;
    }

    private interface Parse {
        void run() throws BitstreamException;
    }

    private static void typed(Parse p) {
        try {
            p.run();
        } catch (BitstreamException expected) {
            // the only failure allowed
        } catch (RuntimeException e) {
            fail("unchecked exception: " + e, e);
        }
    }

    /** The syntaxes of a few streams, for bytes checked as samples. */
    private static final List<SyncFrameSyntax> SYNTAXES = syntaxes();

    private static List<SyncFrameSyntax> syntaxes() {
        try {
            return List.of(
                    MpegAudioSyntax.of(MpegAudioHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, 0)),
                    Ac3Syntax.ac3(new Ac3Header(0, 20, 8, 0, 7, true)),
                    Ac3Syntax.eac3(new Eac3Header(0, 0, 383, 0, -1, 3, 2, false, 16)));
        } catch (BitstreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The check of one input through every parser: what the regression files replay. */
    public static void check(byte[] data) {
        typed(() -> MpegAudioHeader.parse(data, 0));
        typed(() -> Ac3Header.parse(data, 0));
        typed(() -> Eac3Header.parse(data, 0));
        typed(() -> Ac3Specific.parse(data));
        typed(() -> Eac3Specific.parse(data));
        typed(() -> StreamInfo.parseDfLa(data));
        typed(() -> FlacFrameHeader.parse(data, 0, data.length));
        typed(() -> AlacConfig.parse(data));
        for (SyncFrameSyntax s : SYNTAXES) {
            int n = s.sampleLength(data, 0, data.length);
            assertTrue(n == SyncFrameSyntax.NOT_A_FRAME || (n > 0 && n <= data.length), s.format() + ": " + n);
            s.headerAt(data, 0, data.length);
        }
    }

    /** {@code data} as a frame of the real ALAC and FLAC streams: a length that fits, or a BitstreamException. */
    private static void lossless(Real r, byte[] data) {
        typed(() -> {
            int n = r.alac().frameLength(data, 0, data.length);
            assertTrue(n > 0 && n <= data.length, "ALAC length " + n + " of " + data.length);
        });
        typed(() -> {
            int n = new FlacFrameParser(r.flac()).frameLength(data, 0, data.length);
            assertTrue(n > 0 && n <= data.length, "FLAC length " + n + " of " + data.length);
        });
    }

    @Property(tries = 2000)
    void randomBytes_onlyBitstreamException(@ForAll @Size(max = 64) byte[] data) {
        FuzzRegressions.guard(TARGET, data, () -> check(data));
    }

    @Property(tries = 1000)
    void randomBytesAfterASyncWord_onlyBitstreamException(@ForAll @Size(min = 2, max = 4200) byte[] data,
            @ForAll @IntRange(min = 0, max = 2) int sync) {
        switch (sync) {
            case 0 -> { data[0] = (byte) 0xFF; data[1] = (byte) (data[1] | 0xE0); }
            case 1 -> { data[0] = 0x0B; data[1] = 0x77; }
            default -> { data[0] = (byte) 0xFF; data[1] = (byte) (0xF8 | (data[1] & 1)); }
        }
        FuzzRegressions.guard(TARGET, data, () -> check(data));
    }

    @Property(tries = 500)
    void randomBytes_asLosslessFrames_onlyBitstreamException(@ForAll @Size(max = 3000) byte[] data,
            @ForAll boolean flacSync) {
        if (flacSync && data.length >= 2) {
            data[0] = (byte) 0xFF;
            data[1] = (byte) (0xF8 | (data[1] & 1));
        }
        FuzzRegressions.guard(TARGET, data, () -> lossless(real(), data));
    }

    @Property(tries = 1000)
    void mutatedRealFrames_onlyBitstreamException(@ForAll @IntRange(min = 0, max = 100_000) int index,
            @ForAll long seed, @ForAll boolean flac, @ForAll @IntRange(min = 0, max = 2) int kind) {
        Real r = real();
        List<byte[]> frames = flac ? r.flacFrames() : r.alacFrames();
        byte[] b = frames.get(index % frames.size()).clone();
        Random rnd = new Random(seed);
        switch (kind) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            default -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] m = new byte[b.length + extra.length];
                System.arraycopy(b, 0, m, 0, at);
                System.arraycopy(extra, 0, m, at, extra.length);
                System.arraycopy(b, at, m, at + extra.length, b.length - at);
                b = m;
            }
        }
        byte[] input = b;
        FuzzRegressions.guard(TARGET, input, () -> {
            check(input);
            lossless(r, input);
        });
    }

    @Property(tries = 200)
    void realFrames_parseToTheirSize(@ForAll @IntRange(min = 0, max = 100_000) int index) throws Exception {
        Real r = real();
        byte[] a = r.alacFrames().get(index % r.alacFrames().size());
        assertEquals(a.length, r.alac().frameLength(Arrays.copyOf(a, a.length + 16), 0, a.length + 16));
        byte[] f = r.flacFrames().get(index % r.flacFrames().size());
        assertTrue(FlacFrameHeader.parse(f, 0, f.length).fits(r.flac()));
        assertEquals(f.length, new FlacFrameParser(r.flac()).frameLength(Arrays.copyOf(f, f.length + 16), 0,
                f.length + 16));
        assertTrue(FlacFrameHeader.crc16Ok(f, 0, f.length));
        assertTrue(!FlacFrameHeader.crc16Ok(f, 0, f.length - 1));
    }

    @Property(tries = 300)
    void configurations_roundTrip(@ForAll @IntRange(min = 0, max = 2) int fscod, @ForAll @IntRange(min = 0, max = 31) int bsid,
            @ForAll @IntRange(min = 0, max = 7) int bsmod, @ForAll @IntRange(min = 0, max = 7) int acmod,
            @ForAll boolean lfe, @ForAll @IntRange(min = 0, max = 18) int code,
            @ForAll @IntRange(min = 0, max = 15) int deps) throws Exception {
        Ac3Specific dac3 = new Ac3Specific(fscod, bsid, bsmod, acmod, lfe, code);
        assertEquals(dac3, Ac3Specific.parse(dac3.toBytes()));
        Eac3Specific dec3 = new Eac3Specific(code * 10, List.of(new Eac3Specific.Substream(fscod, bsid & 31, lfe,
                bsmod, acmod, lfe, deps, deps > 0 ? (code * 25) & 0x1FF : 0)));
        assertEquals(dec3, Eac3Specific.parse(dec3.toBytes()));
    }
}
