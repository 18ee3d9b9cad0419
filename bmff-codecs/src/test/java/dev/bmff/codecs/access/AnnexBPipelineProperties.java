package dev.bmff.codecs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link AnnexBPipeline} (start codes found on the reader's thread, NAL units cut from blocks and copied once)
 * gives exactly what its simple twin, {@link AccessUnitAssembler#push} over the same bytes, gives: the same
 * access units (bytes, flags, POC), the same dropped and skipped counts and configuration, or a
 * {@link BitstreamException} where the twin throws one. Reads return random sizes down to one byte, so start
 * codes and NAL units are cut by block edges in every way.
 */
class AnnexBPipelineProperties {
    @Provide
    Arbitrary<int[]> readSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 70_000))
                .array(int[].class).ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 40)
    void realStreams_sameAsPush(@ForAll("readSizes") int[] reads, @ForAll AnnexBMedia media,
            @ForAll boolean inBand, @ForAll long seed) throws Exception {
        byte[] stream = Files.readAllBytes(media.stream());
        // Sometimes joined mid-unit (bytes before the first start code), sometimes with extra zero bytes after the
        // last unit (trailing_zero_8bits), sometimes as it is.
        Random r = new Random(seed);
        byte[] data = switch (r.nextInt(3)) {
            case 0 -> {
                byte[] junk = new byte[1 + r.nextInt(20)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) (1 + r.nextInt(255));
                }
                byte[] joined = java.util.Arrays.copyOf(junk, junk.length + stream.length);
                System.arraycopy(stream, 0, joined, junk.length, stream.length);
                yield joined;
            }
            case 1 -> java.util.Arrays.copyOf(stream, stream.length + 1 + r.nextInt(6));
            default -> stream;
        };
        ParameterSetPlacement p = inBand ? ParameterSetPlacement.IN_BAND : ParameterSetPlacement.OUT_OF_BAND;
        Result twin = twin(media.hevc(), p, data);
        assertTrue(twin.units.size() > 10, "not vacuous: " + twin.units.size() + " pictures");
        assertEquals(twin, pipeline(media.hevc(), p, data, reads));
    }

    @Property(tries = 200)
    void mutatedAndRandomBytes_sameAsPush(@ForAll("readSizes") int[] reads, @ForAll AnnexBMedia media,
            @ForAll long seed, @ForAll @Size(max = 300) byte[] random) throws Exception {
        Random r = new Random(seed);
        byte[] data;
        if (r.nextInt(4) == 0) {
            data = random;
        } else {
            data = Files.readAllBytes(media.stream());
            data = java.util.Arrays.copyOf(data, Math.min(data.length, 5000 + r.nextInt(30000)));
            for (int i = 0; i < 1 + r.nextInt(20); i++) {
                data[r.nextInt(data.length)] ^= (byte) (1 << r.nextInt(8));
            }
        }
        boolean hevc = r.nextBoolean() ? media.hevc() : !media.hevc();
        assertEquals(twin(hevc, ParameterSetPlacement.OUT_OF_BAND, data),
                pipeline(hevc, ParameterSetPlacement.OUT_OF_BAND, data, reads));
    }

    /** What one way of assembling gave: units and counts, or the failure's kind. */
    record Result(List<AccessUnit> units, int dropped, long skipped, Object configuration, String failure) {
    }

    private static AccessUnitAssembler assembler(boolean hevc, ParameterSetPlacement p) {
        return AccessUnitAssembler.of(hevc, p, 1 << 20);
    }

    private static Result twin(boolean hevc, ParameterSetPlacement p, byte[] data) {
        AccessUnitAssembler asm = assembler(hevc, p);
        List<AccessUnit> units = new ArrayList<>();
        try {
            units.addAll(asm.push(data));
            units.addAll(asm.finish());
            return new Result(units, asm.droppedAccessUnits(), asm.skippedBytes(), configuration(asm), null);
        } catch (BitstreamException e) {
            return new Result(List.of(), 0, 0, null, e.kind() + ": " + e.getMessage());
        }
    }

    private static Result pipeline(boolean hevc, ParameterSetPlacement p, byte[] data, int[] reads)
            throws IOException {
        AccessUnitAssembler asm = assembler(hevc, p);
        List<AccessUnit> units = new ArrayList<>();
        try (AnnexBPipeline pipeline = AnnexBPipeline.start(new Chunked(data, reads), asm)) {
            for (AnnexBPipeline.Batch b; (b = pipeline.next()) != null; ) {
                units.addAll(b.units());
            }
            return new Result(units, asm.droppedAccessUnits(), asm.skippedBytes(), configuration(asm), null);
        } catch (BitstreamException e) {
            return new Result(List.of(), 0, 0, null, e.kind() + ": " + e.getMessage());
        }
    }

    private static Object configuration(AccessUnitAssembler asm) throws BitstreamException {
        byte[] c = asm.avcConfiguration().isPresent() ? asm.avcConfiguration().get().toBytes()
                : asm.hevcConfiguration().map(h -> h.toBytes()).orElse(null);
        return c == null ? null : java.util.HexFormat.of().formatHex(c);
    }

    /** Reads of the given sizes in turn (at most what is asked), as a pipe delivers them. */
    static final class Chunked extends InputStream {
        private final byte[] data;
        private final int[] sizes;
        private int pos;
        private int turn;

        Chunked(byte[] data, int[] sizes) {
            this.data = data;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, sizes[turn++ % sizes.length]), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
