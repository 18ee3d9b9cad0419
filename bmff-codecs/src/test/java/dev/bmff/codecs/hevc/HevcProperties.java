package dev.bmff.codecs.hevc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.FuzzRegressions;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

public class HevcProperties {
    /** Where the inputs these properties fail on go: {@code fixtures/fuzz/hevc/}. */
    public static final String TARGET = "hevc";

    @Provide
    Arbitrary<HevcConfiguration.NalArray> nalArrays() {
        Arbitrary<Bytes> nal = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 63),
                nal.list().ofMaxSize(4)).as(HevcConfiguration.NalArray::new);
    }

    @Provide
    Arbitrary<HevcConfiguration> configurations() {
        Arbitrary<int[]> small = Arbitraries.integers().between(0, 255).array(int[].class).ofSize(16);
        return Combinators.combine(small, Arbitraries.integers(), Arbitraries.longs().between(0, (1L << 48) - 1),
                Arbitraries.integers().between(0, 0xFFFF), Arbitraries.of(true, false), nalArrays().list().ofMaxSize(5))
                .as((v, compat, constraints, avg, flag, arrays) -> new HevcConfiguration(v[0], v[1] & 3, flag,
                        v[2] & 31, compat, constraints, v[3], (v[4] << 4 | v[5]) & 0xFFF, v[6] & 3, v[7] & 3, v[8] & 7,
                        v[9] & 7, avg, v[10] & 3, v[11] & 7, !flag, v[12] & 3, arrays));
    }

    @Property(tries = 300)
    void hvcC_buildThenParse_givesTheSameRecordAndBytes(@ForAll("configurations") HevcConfiguration c)
            throws Exception {
        byte[] bytes = c.toBytes();
        HevcConfiguration back = HevcConfiguration.parse(bytes);
        assertEquals(c, back);
        assertArrayEquals(bytes, back.toBytes());
    }

    /** The check of one input, with the fixture's parameter sets: what the regression files replay. */
    public static void check(byte[] input) throws Exception {
        parseAll(input, fixtureSets());
    }

    /** Runs every parser on {@code data}; anything but a BitstreamException fails the property. */
    private static void parseAll(byte[] data, ParameterSets sets) {
        List<ThrowingParser> parsers = List.of(NalHeader::parse, Vps::parse, Sps::parse, Pps::parse,
                HevcConfiguration::parse, d -> new PocCalculator().next(SliceSegmentHeader.parse(d, sets)), d -> {
                    ParameterSets fresh = new ParameterSets();
                    fresh.add(d);
                });
        for (ThrowingParser p : parsers) {
            try {
                p.parse(data);
            } catch (BitstreamException expected) {
                // The only acceptable failure.
            } catch (Exception e) {
                throw new AssertionError("unexpected " + e, e);
            }
        }
    }

    private interface ThrowingParser {
        void parse(byte[] data) throws Exception;
    }

    /** Random payloads behind a header of each type a parser accepts, so they get past the type check. */
    @Property(tries = 400)
    void parsers_onRandomBytes_throwOnlyBitstreamException(@ForAll @Size(max = 200) byte[] body,
            @ForAll @IntRange(min = 0, max = 63) int type, @ForAll boolean typed) throws Exception {
        int t = typed ? List.of(0, 1, 8, 19, 21, 32, 33, 34).get(Math.floorMod(type, 8)) : type;
        byte[] nal = new byte[body.length + 2];
        nal[0] = (byte) (t << 1);
        nal[1] = 1;
        System.arraycopy(body, 0, nal, 2, body.length);
        FuzzRegressions.guard(TARGET, nal, () -> check(nal));
        FuzzRegressions.guard(TARGET, body, () -> check(body));
    }

    private static List<byte[]> seeds;
    private static HevcConfiguration fixtureConfig;

    private static synchronized List<byte[]> seeds() throws Exception {
        if (seeds == null) {
            List<byte[]> s = new ArrayList<>();
            for (String name : List.of("hevc-aac.mp4", "hevc-main10.mp4")) {
                HevcMedia m = HevcMedia.load(Fixtures.file(name));
                HevcConfiguration c = HevcConfiguration.parse(m.hvcC());
                if (fixtureConfig == null) {
                    fixtureConfig = c;
                }
                s.add(m.hvcC());
                c.nalUnits().forEach(b -> s.add(b.toArray()));
                for (int i = 0; i < Math.min(8, m.samples().size()); i++) {
                    for (byte[] nal : HevcMedia.splitNalUnits(m.samples().get(i), c.nalLengthSize())) {
                        // Slice data beyond the header is irrelevant to these parsers.
                        s.add(java.util.Arrays.copyOf(nal, Math.min(nal.length, 64)));
                    }
                }
            }
            seeds = List.copyOf(s);
        }
        return seeds;
    }

    private static ParameterSets fixtureSets() throws Exception {
        seeds();
        ParameterSets sets = new ParameterSets();
        for (Bytes b : fixtureConfig.nalUnits()) {
            sets.add(b.toArray());
        }
        return sets;
    }

    /** Real hvcC, parameter sets and slice headers with bits flipped, bytes changed, cut or inserted. */
    @Property(tries = 500)
    void parsers_onMutatedRealInput_throwOnlyBitstreamException(@ForAll long seed) throws Exception {
        Random rnd = new Random(seed);
        List<byte[]> all = seeds();
        byte[] data = all.get(rnd.nextInt(all.size())).clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && data.length > 2; e++) {
            int at = 2 + rnd.nextInt(data.length - 2);
            switch (rnd.nextInt(4)) {
                case 0 -> data[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> data[at] = (byte) rnd.nextInt(256);
                case 2 -> data = java.util.Arrays.copyOf(data, at);
                default -> {
                    byte[] longer = new byte[data.length + 1];
                    System.arraycopy(data, 0, longer, 0, at);
                    longer[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(data, at, longer, at + 1, data.length - at);
                    data = longer;
                }
            }
        }
        byte[] input = data;
        FuzzRegressions.guard(TARGET, input, () -> check(input));
    }
}
