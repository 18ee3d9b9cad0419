package dev.bmff.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.TrackReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bmff as a dependency: the installed jars, on the module path, repair a recording that lost its moov. */
class LostMoovTest {
    @TempDir
    Path tmp;

    @Test
    void repair_lostMoov_recoversEverySampleOfTheReference() throws IOException {
        Path good = Path.of(System.getProperty("bmff.fixtures"), "h264-aac.mp4");
        Path broken = tmp.resolve("lost-moov.mp4");
        Path repaired = tmp.resolve("repaired.mp4");
        LostMoov.cutMoov(good, broken);

        RepairReport report = Recovery.repair(good, broken, repaired);

        assertEquals(RepairKind.MOOV_REBUILT_FROM_REFERENCE, report.kind(), report::toString);
        assertTrue(report.isComplete(), report::toString);
        SampleIndex reference = SampleIndex.of(BoxReader.read(good, ReadOptions.strict()));
        SampleIndex result = SampleIndex.of(BoxReader.read(repaired, ReadOptions.strict()));
        assertEquals(reference.tracks().size(), report.tracks().size());
        for (int i = 0; i < report.tracks().size(); i++) {
            TrackReport t = report.tracks().get(i);
            assertEquals(reference.tracks().get(i).sampleCount(), t.samples(), t::toString);
            assertEquals(reference.tracks().get(i).sampleCount(), result.tracks().get(i).sampleCount());
        }
        assertTrue(Files.size(repaired) > Files.size(broken));
    }

    @Test
    void modulePath_bmffModulesAreNamedModules() {
        // Run by surefire on the module path: our code and bmff's are in named modules, not the unnamed one.
        assertEquals("dev.bmff.consumer", LostMoov.class.getModule().getName());
        assertEquals("dev.bmff.recover", Recovery.class.getModule().getName());
        assertEquals("dev.bmff.core", SampleIndex.class.getModule().getName());
        assertTrue(LostMoov.class.getModule().canRead(Recovery.class.getModule()));
    }
}
