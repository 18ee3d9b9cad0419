package dev.bmff.codecs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
import dev.bmff.codecs.nal.NalUnitsProperties;
import dev.bmff.core.testing.FuzzRegressions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

/** Chunking never changes the result; hostile bytes only ever give a BitstreamException. */
public class AccessUnitAssemblerProperties {
    /** Where the inputs these properties (and the NalUnits ones) fail on go: {@code fixtures/fuzz/annexb/}. */
    public static final String TARGET = "annexb";

    @Provide
    Arbitrary<int[]> chunkSizes() {
        return Arbitraries.integers().between(1, 9000).array(int[].class).ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 12)
    void anyChunking_givesFfmpegSamples(@ForAll("chunkSizes") int[] chunks, @ForAll AnnexBMedia media)
            throws Exception {
        List<AccessUnit> units = AccessUnitAssemblerTest.assemble(media.assembler(ParameterSetPlacement.IN_BAND),
                Files.readAllBytes(media.stream()), chunks);
        AccessUnitAssemblerTest.assertSameAsMp4(units, Mp4Track.open(media.mp4()), 0);
    }

    @Property(tries = 300)
    void randomBytes_onlyBitstreamException(@ForAll @Size(max = 400) byte[] data, @ForAll boolean hevc,
            @ForAll boolean inBand) {
        FuzzRegressions.guard(TARGET, data, () -> run(data, hevc, inBand));
    }

    /**
     * The check of one input as an H.264 and as an HEVC stream, parameter sets in and out of band, and as NAL
     * units split every way: what the regression files replay.
     */
    public static void check(byte[] input) {
        for (boolean hevc : new boolean[] {false, true}) {
            run(input, hevc, false);
            run(input, hevc, true);
        }
        NalUnitsProperties.split(input);
    }

    @Property(tries = 150)
    void mutatedRealStreams_onlyBitstreamException(@ForAll long seed, @ForAll AnnexBMedia media) throws Exception {
        byte[] data = Files.readAllBytes(media.stream());
        Random r = new Random(seed);
        data = java.util.Arrays.copyOf(data, Math.min(data.length, 20000 + r.nextInt(20000)));
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
        }
        boolean inBand = r.nextBoolean();
        byte[] input = data;
        int[] units = {0};
        FuzzRegressions.guard(TARGET, input, () -> units[0] = run(input, media.hevc(), inBand));
        // Not vacuous: most mutated streams still give pictures to check.
        Statistics.label("gave access units").collect(units[0] > 0);
        Statistics.label("gave access units").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    /**
     * Whatever comes out is made of the input: every access unit is a length-prefixed sample of exactly its
     * NAL unit count, those NAL units are the stream's own (each after a start code, in stream order, none used
     * twice), the first unit is a keyframe, and there are no more units, kept and dropped, than start codes.
     */
    private static int run(byte[] data, boolean hevc, boolean inBand) {
        AccessUnitAssembler asm = AccessUnitAssembler.of(hevc,
                inBand ? ParameterSetPlacement.IN_BAND : ParameterSetPlacement.OUT_OF_BAND, 1 << 20);
        List<AccessUnit> units = new ArrayList<>();
        try {
            units.addAll(asm.push(data));
            units.addAll(asm.finish());
            asm.avcConfiguration();
            asm.hevcConfiguration();
        } catch (BitstreamException expected) {
            // the typed failure hostile input may give
            return -1;
        }
        int total = units.size();
        assertTrue(total + asm.droppedAccessUnits() <= startCodes(data),
                total + " units and " + asm.droppedAccessUnits() + " dropped from " + startCodes(data) + " start codes");
        if (total > 0) {
            assertTrue(units.get(0).keyframe(), "output starts at a keyframe");
        }
        int cursor = 0;
        for (AccessUnit u : units) {
            byte[] sample = u.sample().toArray();
            List<NalRange> nals;
            try {
                nals = NalUnits.splitLengthPrefixed(sample, 4);
            } catch (BitstreamException e) {
                throw new AssertionError("a sample that is not length-prefixed: " + e.getMessage(), e);
            }
            assertEquals(u.nalUnitCount(), nals.size());
            for (NalRange n : nals) {
                cursor = after(data, cursor, sample, n);
            }
        }
        return total;
    }

    private static int startCodes(byte[] data) {
        int n = 0;
        for (int i = 0; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                n++;
            }
        }
        return n;
    }

    /** The end of the first copy of the NAL unit {@code n} of {@code sample} after a start code in data from cursor. */
    private static int after(byte[] data, int cursor, byte[] sample, NalRange n) {
        for (int i = Math.max(cursor, 3); i + n.length() <= data.length; i++) {
            if (data[i - 3] == 0 && data[i - 2] == 0 && data[i - 1] == 1
                    && Arrays.equals(data, i, i + n.length(), sample, n.offset(), n.offset() + n.length())) {
                return i + n.length();
            }
        }
        throw new AssertionError("a NAL unit of " + n.length() + " bytes that is not in the stream after byte "
                + cursor);
    }
}
