package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.PlayerChecks;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.WrittenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the repair writes plays in the players people use (Chromium's {@code <video>}, GStreamer), as every writer's
 * output does ({@code PlayersTest} in bmff-codecs): a recording whose moov was never written, rebuilt from a
 * reference, and a hybrid recording killed mid-fragment, finalized from its own fragments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayersRepairTest {
    private final PlayerChecks players = new PlayerChecks();

    @TempDir
    Path dir;

    @AfterAll
    void stopBrowser() {
        players.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "hevc-aac.mp4", "h264-twos.mov"})
    void repairedLostMoov_playsInChromiumAndGStreamer(String name) throws Exception {
        Path original = Fixtures.file(name);
        Path broken = dir.resolve("broken-" + name);
        BrokenFiles.lostMoov(original, 0.6, broken);
        Path out = dir.resolve("repaired-" + name.replace(".mov", ".mp4"));

        RepairReport report = Recovery.repair(original, broken, out);

        assertEquals(RepairKind.MOOV_REBUILT_FROM_REFERENCE, report.kind(), report.toString());
        players.progressive(out, samples(report));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "hevc-aac.mp4", "h264-twos.mov"})
    void hybridRecordingKilledMidFragment_finalized_playsInChromiumAndGStreamer(String name) throws Exception {
        WrittenFiles.HybridStates hybrid = WrittenFiles.hybridStates(WrittenFiles.hybrid(
                WrittenFiles.read(Fixtures.file(name)), 500, dir.resolve("hybrid.mp4")));
        Path crashed = WrittenFiles.write(hybrid.recording(), Math.round(hybrid.recording().length * 0.81),
                dir.resolve("crashed.mp4"));
        Path out = dir.resolve("finalized-" + name.replace(".mov", ".mp4"));

        RepairReport report = Recovery.repair(crashed, out);

        assertEquals(RepairKind.HYBRID_RECORDING_INTERRUPTED, report.kind(), report.toString());
        players.progressive(out, samples(report));
        Files.delete(crashed);
    }

    private static long samples(RepairReport report) {
        return report.tracks().stream().mapToLong(TrackReport::samples).sum();
    }
}
