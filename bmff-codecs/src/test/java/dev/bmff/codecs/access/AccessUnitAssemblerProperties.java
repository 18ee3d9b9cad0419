package dev.bmff.codecs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Chunking never changes the result; hostile bytes only ever give a BitstreamException. */
class AccessUnitAssemblerProperties {

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
        run(data, hevc, inBand);
    }

    @Property(tries = 150)
    void mutatedRealStreams_onlyBitstreamException(@ForAll long seed, @ForAll AnnexBMedia media) throws Exception {
        byte[] data = Files.readAllBytes(media.stream());
        Random r = new Random(seed);
        data = java.util.Arrays.copyOf(data, Math.min(data.length, 20000 + r.nextInt(20000)));
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
        }
        run(data, media.hevc(), r.nextBoolean());
    }

    private static void run(byte[] data, boolean hevc, boolean inBand) {
        AccessUnitAssembler asm = AccessUnitAssembler.of(hevc,
                inBand ? ParameterSetPlacement.IN_BAND : ParameterSetPlacement.OUT_OF_BAND, 1 << 20);
        try {
            int total = asm.push(data).size() + asm.finish().size();
            assertEquals(true, total >= 0);
            asm.avcConfiguration();
            asm.hevcConfiguration();
        } catch (BitstreamException expected) {
            // the typed failure hostile input may give
        }
    }
}
