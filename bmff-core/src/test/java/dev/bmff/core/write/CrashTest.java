package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a recording child JVM at random moments (while it records, between fragments, during the
 * hybrid finalize): every file decodes without an error up to its last complete fragment, and loses at
 * most one fragment of what the child had fed. Two runs in three force every fragment, so the kill also
 * lands while a fragment's force and flip run on the commit thread beside the writing of the next one
 * (which may then be lost too: two fragments at most).
 */
class CrashTest {
    /** The fixture's GOP is 25 frames (1 s); a fragment holds at most that and 1 s of AAC (47 frames). */
    private static final long FRAGMENT_VIDEO = 25;
    private static final long FRAGMENT_AUDIO = 2 * 47;

    @TempDir
    Path dir;

    record Outcome(String kind, String durability, String phase, long fedVideo, long fedAudio, long video, long audio) {
    }

    @Test
    void childKilledAtRandomMoments_leavesFilesThatPlayLosingAtMostOneFragment() throws Exception {
        ExternalTools.ffmpeg();
        Random rnd = new Random(20240604);
        List<Outcome> outcomes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        for (int run = 0; run < 12 && System.nanoTime() < deadline; run++) {
            String kind = run % 2 == 0 ? "HYBRID" : "FRAGMENTED";
            boolean inFinalize = kind.equals("HYBRID") && run % 4 == 0;
            String durability = run % 3 == 2 ? "NONE" : "EVERY_FRAGMENT";
            outcomes.add(killOnce(run, kind, durability, inFinalize, rnd));
        }
        StringBuilder report = new StringBuilder();
        for (Outcome o : outcomes) {
            report.append(o).append('\n');
        }
        System.out.println("crash test:\n" + report);
        assertTrue(outcomes.size() >= 10, "kills: " + outcomes.size());
    }

    private Outcome killOnce(int run, String kind, String durability, boolean inFinalize, Random rnd)
            throws Exception {
        Path out = dir.resolve("crash-" + run + ".mp4");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, CrashChild.class.getName(), kind,
                Fixtures.file("h264-aac.mp4").toString(), out.toString(), "3", "3", "200", durability)
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(new File("/dev/null")).start();
        AtomicReference<String> lastFed = new AtomicReference<>("W 0 0");
        AtomicReference<String> lastStep = new AtomicReference<>("");
        java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch recording = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("W ")) {
                        lastFed.set(line);
                        recording.countDown();
                    } else if (line.startsWith("S ")) {
                        lastStep.set(line.substring(2));
                    } else if (line.equals("CLOSING")) {
                        lastStep.set("closing");
                        closing.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child died
            }
        });
        reader.start();
        if (inFinalize) {
            closing.await(30, TimeUnit.SECONDS);
            Thread.sleep(rnd.nextInt(900)); // the child sleeps 200 ms after each finalize write
        } else {
            recording.await(30, TimeUnit.SECONDS);
            Thread.sleep(rnd.nextInt(2600)); // the child records for about 2.6 s
        }
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(10, TimeUnit.SECONDS);
        reader.join(5000);
        String[] fed = lastFed.get().split(" ");
        long fedVideo = Long.parseLong(fed[1]);
        long fedAudio = Long.parseLong(fed[2]);
        String phase = (inFinalize ? "finalize" : "recording") + " after '" + lastStep.get() + "'";
        if (!Files.exists(out) || Files.size(out) < 200) {
            assertEquals(0, fedVideo, "the child fed samples but left no header");
            return new Outcome(kind, durability, phase + " (before the header)", 0, 0, 0, 0);
        }
        long[] n = Tools.playsWhatItHolds(out, 2);
        String at = kind + " (" + durability + ") killed in " + phase + ": file has " + n[0] + "/" + n[1] + " of "
                + fedVideo + "/"
                + fedAudio + " fed";
        assertTrue(n[0] <= fedVideo && n[1] <= fedAudio, at);
        // The fragment being built, and with forces those waiting for theirs on the commit thread.
        long fragments = durability.equals("NONE") ? 1 : 1 + FragmentCommits.MAX_IN_FLIGHT;
        assertTrue(fedVideo - n[0] <= fragments * FRAGMENT_VIDEO + 2, at + ": lost more than " + fragments
                + " fragments of video");
        assertTrue(fedAudio - n[1] <= fragments * FRAGMENT_AUDIO + 2, at + ": lost more than " + fragments
                + " fragments of audio");
        if (lastStep.get().equals("standard moov appended") || lastStep.get().equals("ftyp rewritten")
                || lastStep.get().equals("placeholder is mdat")) {
            assertEquals(fedVideo, n[0], at + ": a finalize past its first step keeps every frame");
            assertEquals(fedAudio, n[1], at);
        }
        return new Outcome(kind, durability, phase, fedVideo, fedAudio, n[0], n[1]);
    }
}
