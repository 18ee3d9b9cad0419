package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Random cuts inside the mdat of the B-frame + AAC fixture: every sample whose bytes are present comes back with
 * its size, in both tracks (checked with our own sample index; the ffmpeg checks run on fixed cuts elsewhere).
 */
class RandomCutProperties {
    @Property(tries = 60)
    void repair_randomCut_everyPresentSampleBack(@ForAll @DoubleRange(min = 0.08, max = 1.0) double fraction)
            throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        Path dir = Files.createDirectories(Path.of("target", "random-cuts"));
        Path broken = BrokenFiles.withoutMoov(original, cut, dir.resolve("broken.mp4"));
        Path out = dir.resolve("fixed.mp4");
        RepairReport report = Recovery.repair(original, broken, out);
        // A track none of whose samples is complete is left out of the repaired file.
        assertEquals(Expected.presentSizes(original, cut).stream().filter(l -> !l.isEmpty()).toList(),
                Expected.sizes(out), "cut at " + cut + "\n" + report);
    }
}
