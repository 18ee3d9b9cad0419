package dev.bmff.codecs.pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing a layout as a sample entry and reading it back gives the same layout. */
class PcmProperties {
    @Provide
    Arbitrary<PcmFormat> formats() {
        Arbitrary<PcmEncoding> enc = Arbitraries.of(PcmEncoding.class);
        Arbitrary<Integer> channels = Arbitraries.integers().between(1, 16);
        Arbitrary<Integer> bytesPerSample = Arbitraries.of(1, 2, 3, 4, 8);
        Arbitrary<PcmEndianness> order = Arbitraries.of(PcmEndianness.class);
        Arbitrary<Double> rate = Arbitraries.oneOf(Arbitraries.of(8000.0, 44100.0, 48000.0, 96000.0, 192000.0,
                22050.5), Arbitraries.integers().between(1, 400_000).map(Integer::doubleValue));
        Arbitrary<FourCC> format = Arbitraries.of(PcmFormat.FORMATS);
        return Combinators.combine(format, channels, bytesPerSample, enc, order, rate).as((f, ch, bps, e, o, r) -> {
            PcmEncoding encoding = bps < 4 && e == PcmEncoding.FLOAT ? PcmEncoding.SIGNED_INTEGER : e;
            int bits = encoding == PcmEncoding.FLOAT ? 8 * Math.max(4, bps == 3 ? 4 : bps) : 8 * bps;
            if (f.equals(PcmFormat.IPCM)) {
                encoding = PcmEncoding.SIGNED_INTEGER;
                bits = 8 * bps;
            } else if (f.equals(PcmFormat.FPCM)) {
                encoding = PcmEncoding.FLOAT;
                bits = bps == 8 ? 64 : 32;
            }
            boolean iso = f.equals(PcmFormat.IPCM) || f.equals(PcmFormat.FPCM);
            double rate2 = iso ? Math.min(65535, Math.rint(r)) : r;
            return PcmFormat.packed(f, ch, bits, encoding, o, rate2);
        });
    }

    @Property(tries = 500)
    void toSampleEntryThenOf_givesTheSameLayout(@ForAll("formats") PcmFormat f) {
        AudioSampleEntry e = f.toSampleEntry();
        PcmFormat back = PcmFormat.of(e);
        assertEquals(f.withFormat(e.type()), back, e.toString());
        // Only formats that can say everything are kept; the rest become lpcm.
        if (!e.type().equals(f.format())) {
            assertEquals(PcmFormat.LPCM, e.type());
        }
    }
}
