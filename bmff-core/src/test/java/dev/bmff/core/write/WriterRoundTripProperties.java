package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any sample sequence written by either writer reads back through the sample index as the same samples. */
class WriterRoundTripProperties {

    @Property(tries = 60)
    void randomSamples_writtenAndIndexed_areTheSamplesWritten(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 400) int count, @ForAll boolean hybrid) throws Exception {
        Random rnd = new Random(seed);
        List<TrackSpec> specs = List.of(
                TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 90_000),
                TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
        long[] dts = new long[2];
        List<Sample> samples = new ArrayList<>();
        boolean negative = rnd.nextBoolean();
        for (int i = 0; i < count; i++) {
            int t = rnd.nextInt(4) == 0 ? 1 : 0;
            byte[] data = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 70_000 : 300)];
            rnd.nextBytes(data);
            int cto = t == 1 ? 0 : rnd.nextInt(6000) - (negative ? 3000 : 0);
            boolean sync = t == 1 || rnd.nextInt(8) == 0;
            samples.add(new Sample(t, Bytes.of(data), dts[t], cto, Sample.UNKNOWN_DURATION, sync));
            dts[t] += t == 1 ? 1024 : 1 + rnd.nextInt(rnd.nextBoolean() ? 3003 : 90_000);
        }
        Path out = Files.createTempFile("bmff-prop", ".mp4");
        try {
            Duration max = Duration.ofMillis(100 + rnd.nextInt(3000));
            try (Mp4Writer w = hybrid
                    ? HybridWriter.create(out, specs, HybridWriter.Options.defaults().withMaxFragmentDuration(max)
                            .withDurability(Durability.none()))
                    : FragmentedWriter.create(out, specs, FragmentedWriter.Options.defaults()
                            .withMaxFragmentDuration(max).withDurability(Durability.none())
                            .withRandomAccessIndex(rnd.nextBoolean()))) {
                for (Sample s : samples) {
                    w.write(s);
                    if (rnd.nextInt(50) == 0) {
                        w.flush();
                    }
                }
            }
            WriterInteropTest.assertSameSamples(new SourceMedia(specs, samples), out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
