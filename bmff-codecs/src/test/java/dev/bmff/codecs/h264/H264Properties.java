package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.FuzzRegressions;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

public class H264Properties {
    /** Where the inputs these properties fail on go: {@code fixtures/fuzz/h264/}. */
    public static final String TARGET = "h264";

    /** Real parameter sets and slices from the fixtures, the seeds for mutation. */
    private static final class Corpus {
        static final List<byte[]> AVCC = new ArrayList<>();
        static final List<byte[]> SPS = new ArrayList<>();
        static final List<byte[]> PPS = new ArrayList<>();
        static final List<byte[]> SLICES = new ArrayList<>();

        static {
            try {
                for (String name : List.of("h264-aac.mp4", "h264-main.mp4", "h264-interlaced.mp4", "h264-444.mp4",
                        "h264-high10.mp4", "h264-baseline.mp4", "h264-422.mp4")) {
                    AvcTrack t = AvcTrack.open(Fixtures.file(name)).orElseThrow();
                    AVCC.add(t.avcC());
                    AvcConfiguration c = AvcConfiguration.parse(t.avcC());
                    c.sequenceParameterSets().forEach(b -> SPS.add(b.toArray()));
                    c.pictureParameterSets().forEach(b -> PPS.add(b.toArray()));
                    for (int i = 0; i < Math.min(6, t.samples().sampleCount()); i++) {
                        byte[] s = t.sample(i);
                        for (NalRange r : NalUnits.splitLengthPrefixed(s, c.nalLengthSize())) {
                            byte[] nal = r.copyFrom(s);
                            if (NalHeader.parse(nal).isSlice()) {
                                // The header is all we parse; keep the seeds small.
                                SLICES.add(java.util.Arrays.copyOf(nal, Math.min(nal.length, 64)));
                            }
                        }
                    }
                }
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    @Provide
    Arbitrary<AvcConfiguration> configurations() {
        Arbitrary<Bytes> unit = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(40).map(Bytes::of);
        Arbitrary<AvcConfiguration.HighProfileFields> high = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7), unit.list().ofMaxSize(3))
                .as(AvcConfiguration.HighProfileFields::new);
        Arbitrary<Integer> highProfile = Arbitraries.of(100, 110, 122, 144, 244);
        Arbitrary<Integer> plainProfile = Arbitraries.of(66, 77, 88);
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        return Combinators.combine(Arbitraries.integers().between(0, 1), highProfile, plainProfile, u8, u8,
                Arbitraries.of(0, 1, 3), unit.list().ofMaxSize(4), unit.list().ofMaxSize(4))
                .flatAs((withHigh, hp, pp, compat, level, lsm, sps, pps) -> withHigh == 1
                        ? high.map(h -> new AvcConfiguration(1, hp, compat, level, lsm, sps, pps, h))
                        : Arbitraries.just(new AvcConfiguration(1, pp, compat, level, lsm, sps, pps, null)));
    }

    @Property(tries = 300)
    void avcC_builtThenParsed_givesTheSameRecordAndBytes(@ForAll("configurations") AvcConfiguration c)
            throws Exception {
        byte[] bytes = c.toBytes();
        AvcConfiguration back = AvcConfiguration.parse(bytes);
        assertEquals(c, back);
        assertArrayEquals(bytes, back.toBytes());
    }

    @Property(tries = 300)
    void parsers_onRandomBytes_throwOnlyBitstreamException(@ForAll @Size(max = 80) byte[] data,
            @ForAll @IntRange(min = 0, max = 31) int type) {
        byte[] nal = data.clone();
        if (nal.length > 0) {
            nal[0] = (byte) ((nal[0] & 0xE0) | type);
        }
        // Every NAL parser sets its own nal_unit_type, so check(data) replays this exactly.
        FuzzRegressions.guard(TARGET, data, () -> parseEverything(nal, data));
    }

    @Property(tries = 500)
    void parsers_onMutatedRealUnits_throwOnlyBitstreamException(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 8) int mutations) {
        Random rnd = new Random(seed);
        for (List<byte[]> seeds : List.of(Corpus.SPS, Corpus.PPS, Corpus.SLICES, Corpus.AVCC)) {
            byte[] b = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd, mutations);
            FuzzRegressions.guard(TARGET, b, () -> check(b));
        }
    }

    private static byte[] mutate(byte[] original, Random rnd, int mutations) {
        byte[] b = original.clone();
        for (int m = 0; m < mutations && b.length > 1; m++) {
            switch (rnd.nextInt(4)) {
                case 0 -> b[1 + rnd.nextInt(b.length - 1)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[1 + rnd.nextInt(b.length - 1)] = (byte) rnd.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, 1 + rnd.nextInt(b.length));
                default -> b[1 + rnd.nextInt(b.length - 1)] = (byte) (rnd.nextBoolean() ? 0 : 0xFF);
            }
        }
        return b;
    }

    /** The check of one input, as each kind of NAL unit and as an avcC record: what the regression files replay. */
    public static void check(byte[] input) {
        parseEverything(input, input);
    }

    /** Runs every parser; anything but BitstreamException (or success) fails the property. */
    private static void parseEverything(byte[] nal, byte[] avcC) {
        Map<Integer, Sps> spsMap = new HashMap<>();
        Map<Integer, Pps> ppsMap = new HashMap<>();
        try {
            for (byte[] s : Corpus.SPS) {
                Sps sps = Sps.parse(s);
                spsMap.put(sps.seqParameterSetId(), sps);
            }
            for (byte[] p : Corpus.PPS) {
                Pps pps = Pps.parse(p, spsMap);
                ppsMap.put(pps.picParameterSetId(), pps);
            }
        } catch (BitstreamException e) {
            throw new AssertionError("fixture parameter sets must parse", e);
        }
        tryParse(() -> {
            Sps sps = Sps.parse(withType(nal, NalHeader.SPS));
            sps.width();
            sps.height();
            sps.frameRate();
            if (sps.scalingMatrix() != null) {
                sps.scalingMatrix().resolve(null);
            }
        });
        tryParse(() -> Pps.parse(withType(nal, NalHeader.PPS), spsMap));
        for (int sliceType : new int[] {NalHeader.NON_IDR_SLICE, NalHeader.IDR_SLICE}) {
            tryParse(() -> new PocCalculator().next(SliceHeader.parse(withType(nal, sliceType), spsMap, ppsMap)));
        }
        tryParse(() -> AvcConfiguration.parse(avcC).toBytes());
    }

    private static byte[] withType(byte[] nal, int type) {
        byte[] b = nal.clone();
        if (b.length > 0) {
            b[0] = (byte) ((b[0] & 0xE0) | type);
        }
        return b;
    }

    private interface Parse {
        void run() throws BitstreamException;
    }

    private static void tryParse(Parse p) {
        try {
            p.run();
        } catch (BitstreamException expected) {
            // the only failure allowed on hostile input
        }
    }
}
