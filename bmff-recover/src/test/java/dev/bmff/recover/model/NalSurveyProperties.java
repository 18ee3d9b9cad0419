package dev.bmff.recover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The survey learns exactly what random samples show: each kind of unit (type and layer) with where it stood
 * (before the first base-layer slice, between slices, after the last), which samples carried parameter sets and
 * those sets; a sample whose units do not fill it exactly teaches nothing.
 */
class NalSurveyProperties {
    /** One generated unit: its type, layer, bytes (header included) and where it stands. */
    private record Unit(int type, int layer, byte[] bytes, int placement) {
    }

    private record Sample(List<Unit> units, boolean sync, boolean broken) {
    }

    @Property(tries = 150)
    void survey_learnsTheUnitsEachWellFormedSampleShowsAndWhereTheyStand(@ForAll long seed,
            @ForAll boolean hevc, @ForAll @IntRange(min = 0, max = 2) int lengthSizeIndex) throws Exception {
        Random rnd = new Random(seed);
        int lengthSize = new int[] {1, 2, 4}[lengthSizeIndex];
        NalSurvey.Codec codec = hevc ? NalSurvey.Codec.HEVC : NalSurvey.Codec.AVC;
        List<Sample> samples = new ArrayList<>();
        int count = 1 + rnd.nextInt(40);
        for (int i = 0; i < count; i++) {
            samples.add(sample(rnd, codec, lengthSize));
        }

        // Written with junk between the samples, as other tracks' samples lie between them in a file.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        long[] offsets = new long[count];
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] junk = new byte[rnd.nextInt(20)];
            rnd.nextBytes(junk);
            file.writeBytes(junk);
            offsets[i] = file.size();
            byte[] data = bytes(samples.get(i), lengthSize);
            file.writeBytes(data);
            // A broken sample's size says one byte more than its units fill.
            sizes[i] = data.length + (samples.get(i).broken() ? 1 : 0);
        }
        file.writeBytes(new byte[8]);
        Path p = Files.createTempFile("survey", ".bin");
        NalVocabulary v;
        try {
            Files.write(p, file.toByteArray());
            try (FileChannel ch = FileChannel.open(p)) {
                v = NalSurvey.survey(ch, samples(offsets, sizes, samples), lengthSize, codec);
            }
        } finally {
            Files.delete(p);
        }

        Map<Integer, Integer> placements = new HashMap<>();
        int good = 0;
        int sync = 0;
        int withSets = 0;
        int syncWithSets = 0;
        Set<Bytes> sets = new LinkedHashSet<>();
        for (Sample s : samples) {
            if (s.broken()) {
                continue;
            }
            good++;
            sync += s.sync() ? 1 : 0;
            boolean hasSets = false;
            for (Unit u : s.units()) {
                placements.merge(NalVocabulary.key(u.type(), u.layer()), u.placement(), (a, b) -> a | b);
                if (u.placement() == NalVocabulary.LEADING && codec.parameterSet(u.type(), u.layer())) {
                    hasSets = true;
                    sets.add(Bytes.of(u.bytes()));
                }
            }
            withSets += hasSets ? 1 : 0;
            syncWithSets += hasSets && s.sync() ? 1 : 0;
        }
        assertEquals(good, v.samples());
        assertEquals(sync, v.syncSamples());
        assertEquals(placements, v.placements());
        assertEquals(withSets, v.samplesWithParameterSets());
        assertEquals(syncWithSets, v.syncSamplesWithParameterSets());
        List<Bytes> kept = new ArrayList<>(sets);
        assertEquals(kept.subList(0, Math.min(kept.size(), NalSurvey.MAX_PARAMETER_SETS)), v.parameterSets());
        for (int key : placements.keySet()) {
            assertTrue(v.types().contains(key & 63) && v.layers().contains(key >> 6));
        }
        if (!hevc) {
            assertEquals(good == 0 ? Set.of() : Set.of(0), v.layers());
        }
    }

    @Property(tries = 200)
    void chosen_boundedIncreasingAndStartsWithTheFirstSamples(@ForAll @IntRange(min = 0, max = 5_000_000) int count) {
        int[] chosen = NalSurvey.chosen(count);
        assertEquals(Math.min(count, NalSurvey.MAX_SAMPLES), chosen.length);
        for (int i = 0; i < chosen.length; i++) {
            assertTrue(chosen[i] >= 0 && chosen[i] < count);
            assertTrue(i == 0 || chosen[i] > chosen[i - 1]);
            if (i < NalSurvey.FIRST_SAMPLES) {
                assertEquals(i, chosen[i]);
            }
        }
        if (count > NalSurvey.MAX_SAMPLES) {
            // The spread part reaches the last tenth of the track.
            assertTrue(chosen[chosen.length - 1] >= count - count / 10 - 1);
        }
    }

    /** leading units, slices with units between them, trailing units; made-up payloads. */
    private static Sample sample(Random rnd, NalSurvey.Codec codec, int lengthSize) {
        List<Unit> units = new ArrayList<>();
        int leading = rnd.nextInt(4);
        for (int i = 0; i < leading; i++) {
            units.add(other(rnd, codec, lengthSize, NalVocabulary.LEADING));
        }
        int slices = 1 + rnd.nextInt(3);
        for (int s = 0; s < slices; s++) {
            if (s > 0) {
                int between = rnd.nextInt(3);
                for (int i = 0; i < between; i++) {
                    units.add(other(rnd, codec, lengthSize, NalVocabulary.BETWEEN));
                }
            }
            int type = codec == NalSurvey.Codec.AVC ? (rnd.nextBoolean() ? 1 : 5)
                    : new int[] {0, 1, 9, 16, 19, 21}[rnd.nextInt(6)];
            units.add(unit(rnd, codec, type, 0, lengthSize, NalVocabulary.BASE_SLICE));
        }
        int trailing = rnd.nextInt(4);
        for (int i = 0; i < trailing; i++) {
            units.add(other(rnd, codec, lengthSize, NalVocabulary.TRAILING));
        }
        return new Sample(units, rnd.nextInt(4) == 0, rnd.nextInt(8) == 0);
    }

    /** A unit that is no base-layer slice: a parameter set, an SEI, an unspecified type, another layer's slice. */
    private static Unit other(Random rnd, NalSurvey.Codec codec, int lengthSize, int placement) {
        if (codec == NalSurvey.Codec.AVC) {
            int[] types = {6, 7, 8, 9, 12, 14, 15, 20, 24, 31};
            return unit(rnd, codec, types[rnd.nextInt(types.length)], 0, lengthSize, placement);
        }
        if (rnd.nextInt(4) == 0) {
            return unit(rnd, codec, rnd.nextInt(64), 1 + rnd.nextInt(63), lengthSize, placement);
        }
        int[] types = {32, 33, 34, 35, 38, 39, 40, 41, 48, 62, 63, 22, 30};
        return unit(rnd, codec, types[rnd.nextInt(types.length)], 0, lengthSize, placement);
    }

    private static Unit unit(Random rnd, NalSurvey.Codec codec, int type, int layer, int lengthSize,
            int placement) {
        int max = lengthSize == 1 ? 200 : 600;
        byte[] b = new byte[codec.headerSize + rnd.nextInt(max)];
        rnd.nextBytes(b);
        if (codec == NalSurvey.Codec.AVC) {
            b[0] = (byte) ((rnd.nextInt(4) << 5) | type);
        } else {
            b[0] = (byte) (type << 1 | layer >> 5);
            b[1] = (byte) ((layer & 31) << 3 | (1 + rnd.nextInt(7)));
        }
        return new Unit(type, layer, b, placement);
    }

    private static byte[] bytes(Sample s, int lengthSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Unit u : s.units()) {
            for (int k = lengthSize - 1; k >= 0; k--) {
                out.write((u.bytes().length >> (8 * k)) & 0xFF);
            }
            out.writeBytes(u.bytes());
        }
        return out.toByteArray();
    }

    private static NalSurvey.Samples samples(long[] offsets, long[] sizes, List<Sample> samples) {
        return new NalSurvey.Samples() {
            @Override
            public int count() {
                return offsets.length;
            }

            @Override
            public long offset(int i) {
                return offsets[i];
            }

            @Override
            public long size(int i) {
                return sizes[i];
            }

            @Override
            public boolean sync(int i) {
                return samples.get(i).sync();
            }
        };
    }
}
