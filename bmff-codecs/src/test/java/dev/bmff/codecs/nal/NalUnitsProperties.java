package dev.bmff.codecs.nal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.Rbsp;
import dev.bmff.core.testing.FuzzRegressions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

public class NalUnitsProperties {
    /** Valid NAL units: escaped (no start code inside) and ending in a non-zero byte, as H.264 7.4.1 requires. */
    @Provide
    Arbitrary<List<byte[]>> units() {
        Arbitrary<byte[]> unit = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300)
                .injectDuplicates(0.3)
                .map(raw -> {
                    byte[] withEnd = java.util.Arrays.copyOf(raw, raw.length + 1);
                    withEnd[raw.length] = (byte) 0x80; // rbsp_stop_one_bit
                    return Rbsp.escape(withEnd);
                });
        return unit.list().ofMaxSize(12);
    }

    @Property(tries = 300)
    void annexB_toLengthPrefixed_andBack_keepsEveryUnit(@ForAll("units") List<byte[]> units,
            @ForAll @IntRange(min = 0, max = 2) int sizeChoice, @ForAll boolean fourByteStartCodes,
            @ForAll @IntRange(min = 0, max = 3) int trailingZeros) throws Exception {
        int lengthSize = new int[] {1, 2, 4}[sizeChoice];
        List<byte[]> fitting = units.stream().filter(u -> u.length < 256 || lengthSize > 1).toList();
        ByteArrayOutputStream annexB = new ByteArrayOutputStream();
        for (byte[] u : fitting) {
            if (fourByteStartCodes) {
                annexB.write(0);
            }
            annexB.write(new byte[] {0, 0, 1});
            annexB.write(u);
            annexB.write(new byte[trailingZeros]);
        }
        byte[] stream = annexB.toByteArray();
        assertUnits(fitting, stream, NalUnits.splitAnnexB(stream));

        byte[] sample = NalUnits.annexBToLengthPrefixed(stream, lengthSize);
        assertUnits(fitting, sample, NalUnits.splitLengthPrefixed(sample, lengthSize));

        byte[] back = NalUnits.lengthPrefixedToAnnexB(sample, lengthSize);
        assertUnits(fitting, back, NalUnits.splitAnnexB(back));
        assertArrayEquals(sample, NalUnits.annexBToLengthPrefixed(back, lengthSize));
    }

    @Property(tries = 300)
    void randomBytes_splitOrThrowBitstreamException_andRangesStayInside(@ForAll @Size(max = 200) byte[] data,
            @ForAll @IntRange(min = 1, max = 4) int lengthSize) {
        // Failing inputs go to the annexb target, whose replay splits them every way.
        FuzzRegressions.guard("annexb", data, () -> split(data, lengthSize));
    }

    /** {@code data} split as Annex B and with length fields of 1 to 4 bytes. */
    public static void split(byte[] data) {
        for (int lengthSize = 1; lengthSize <= 4; lengthSize++) {
            split(data, lengthSize);
        }
    }

    private static void split(byte[] data, int lengthSize) {
        for (int mode = 0; mode < 2; mode++) {
            try {
                List<NalRange> r = mode == 0 ? NalUnits.splitAnnexB(data) : NalUnits.splitLengthPrefixed(data, lengthSize);
                for (NalRange n : r) {
                    if (n.end() > data.length) {
                        throw new AssertionError("range outside the data: " + n);
                    }
                }
            } catch (BitstreamException expected) {
                // the only failure allowed
            }
        }
    }

    private static void assertUnits(List<byte[]> expected, byte[] buffer, List<NalRange> ranges) {
        assertEquals(expected.size(), ranges.size());
        List<byte[]> got = new ArrayList<>();
        ranges.forEach(r -> got.add(r.copyFrom(buffer)));
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), "unit " + i);
        }
    }
}
