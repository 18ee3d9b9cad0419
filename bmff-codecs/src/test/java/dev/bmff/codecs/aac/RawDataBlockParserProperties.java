package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.FuzzRegressions;
import dev.bmff.core.index.TrackSamples;
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
 * {@link RawDataBlockParser} on hostile input: random bytes under every configuration, and real frames
 * (from the fixtures) with flipped bits, cut short or with bytes inserted. The only failure allowed is
 * {@link BitstreamException}; a frame it accepts fits the data and the 6144-bit-per-channel limit; and a
 * call never runs long (a generous bound: work is bounded by that limit, a parse takes microseconds).
 */
public class RawDataBlockParserProperties {
    /** Where the inputs the AAC properties (these and {@link AacParsersProperties}) fail on go. */
    public static final String TARGET = "aac";

    // A bound against endless or quadratic work, far above any GC pause or loaded CI host (a parse takes microseconds).
    private static final long MAX_NANOS_PER_CALL = 5_000_000_000L;

    /** A real frame and the parser of its track. */
    record Frame(byte[] bytes, RawDataBlockParser parser) {
    }

    static final List<Frame> FRAMES = loadFrames();

    private static List<Frame> loadFrames() {
        List<Frame> out = new ArrayList<>();
        try {
            for (String name : List.of("aac-mono.m4a", "aac-stereo-256k.m4a", "aac-51.m4a")) {
                Path f = Fixtures.file(name);
                byte[] file = Files.readAllBytes(f);
                for (AacTestSupport.AacTrack t : AacTestSupport.aacTracks(f)) {
                    AudioSpecificConfig asc = AudioSpecificConfig.parse(
                            EsDescriptor.parseEsds(t.esdsPayload()).decoderSpecificInfo().toArray());
                    RawDataBlockParser p = RawDataBlockParser.of(asc);
                    TrackSamples s = t.samples();
                    for (int i = 0; i < s.sampleCount(); i++) {
                        int off = (int) s.offset(i);
                        out.add(new Frame(Arrays.copyOfRange(file, off, off + (int) s.size(i)), p));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * The check of one input, as a raw_data_block under every configuration (sampling frequency index 0..12,
     * channel configuration 1..7; the length-only scan equal to the reference walk), an AudioSpecificConfig, an
     * esds payload and an ADTS header: what the regression files replay.
     */
    public static void check(byte[] input) {
        for (int frequencyIndex = 0; frequencyIndex <= 12; frequencyIndex++) {
            for (int config = 1; config <= 7; config++) {
                RawDataBlockParser p = RawDataBlockParser.of(frequencyIndex, config);
                parseOnly(p, input);
                // The length-only scan against the reference walk on the same bytes.
                FrameLengthScanTest.same(p, input, 0, input.length, "frameLength and probe");
            }
        }
        AacParsersProperties.parseConfigs(input);
    }

    private static void parseOnly(RawDataBlockParser p, byte[] data) {
        long start = System.nanoTime();
        try {
            RawDataBlock b = p.parse(data, 0, data.length);
            assertTrue(b.length() > 0 && b.length() <= data.length && b.length() <= p.maxFrameLength(),
                    "accepted length " + b.length() + " of " + data.length);
        } catch (BitstreamException expected) {
            // the only failure allowed
        } catch (RuntimeException e) {
            fail("unchecked exception on " + data.length + " bytes: " + e, e);
        }
        long nanos = System.nanoTime() - start;
        assertTrue(nanos < MAX_NANOS_PER_CALL, "a parse took " + nanos / 1_000_000 + " ms");
    }

    @Property(tries = 2000)
    void randomBytes_anyConfiguration_onlyBitstreamException(@ForAll @Size(max = 7000) byte[] data,
            @ForAll @IntRange(min = 0, max = 12) int frequencyIndex, @ForAll @IntRange(min = 1, max = 7) int config) {
        FuzzRegressions.guard(TARGET, data, () -> parseOnly(RawDataBlockParser.of(frequencyIndex, config), data));
    }

    @Property(tries = 2000)
    void mutatedRealFrames_onlyBitstreamException(@ForAll @IntRange(min = 0, max = 100_000) int frameIndex,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int kind) {
        Frame f = FRAMES.get(frameIndex % FRAMES.size());
        Random rnd = new Random(seed);
        byte[] b = f.bytes().clone();
        switch (kind) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 2 -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] m = new byte[b.length + extra.length];
                System.arraycopy(b, 0, m, 0, at);
                System.arraycopy(extra, 0, m, at, extra.length);
                System.arraycopy(b, at, m, at + extra.length, b.length - at);
                b = m;
            }
            default -> {
                // another configuration than the frame's
                RawDataBlockParser other = RawDataBlockParser.of(rnd.nextInt(13), 1 + rnd.nextInt(7));
                byte[] input = b;
                FuzzRegressions.guard(TARGET, input, () -> parseOnly(other, input));
                return;
            }
        }
        byte[] input = b;
        FuzzRegressions.guard(TARGET, input, () -> parseOnly(f.parser(), input));
    }

    @Property(tries = 300)
    void realFrames_parseToTheirSize(@ForAll @IntRange(min = 0, max = 100_000) int frameIndex) throws Exception {
        Frame f = FRAMES.get(frameIndex % FRAMES.size());
        byte[] padded = Arrays.copyOf(f.bytes(), f.bytes().length + 16);
        assertTrue(f.parser().frameLength(padded, 0, padded.length) == f.bytes().length);
    }
}
