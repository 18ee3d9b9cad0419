package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.Chromium;
import dev.bmff.core.testing.CmafRules;
import dev.bmff.core.testing.PlayerChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CMAF as CMAF has it, one track per CMAF track ({@link CmafWriter.Options#separateTracks()}), played in Chromium
 * while another thread writes it: the page reads {@code master.m3u8}, makes a video and an audio SourceBuffer from
 * its {@code CODECS}, and follows {@code track1.m3u8} and the {@code EXT-X-MEDIA} rendition {@code track2.m3u8}
 * as they grow ({@link PlayerChecks#hlsLive}). GStreamer then plays the master playlist through hlsdemux2,
 * and its qtdemux each CMAF track (its header and segments joined), to every sample. The multiplexed form is played live from {@code bmff record} in
 * bmff-cli's {@code RecordCommandTest}.
 */
class CmafLivePlayersTest {
    private static final PlayerChecks PLAYERS = new PlayerChecks();
    private static SourceMedia looped;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() throws IOException {
        looped = SegmentedWriterTest.looped("h264-aac.mp4");
    }

    @AfterAll
    static void stopBrowser() {
        PLAYERS.close();
    }

    @Test
    void separateTracks_playInTwoSourceBuffersWhileWritten() throws Exception {
        Chromium chrome = PLAYERS.chrome();
        CmafWriter.Options options = CmafWriter.Options.defaults().withSegmentDuration(Duration.ofSeconds(2))
                .withSeparateTracks(true).withCodecs("avc1.64000d,mp4a.40.2").withListener(segment -> {
                    // The recording goes on only once the player has its first segments, then at about a
                    // segment's pace (at the playback rate of 4): the player catches up and waits for the next.
                    if (segment.sequence() == 0) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (!(chrome.served(dir, "track1-00000.m4s") && chrome.served(dir, "track2-00000.m4s"))
                                && System.nanoTime() < deadline) {
                            pause(20);
                        }
                    }
                    pause(700);
                });
        CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> {
            try (CmafWriter w = CmafWriter.create(dir, looped.specs(), options)) {
                for (Sample s : looped.samples()) {
                    w.write(s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long frames = looped.of(0).size();
        Chromium.LivePlayback played = PLAYERS.hlsLive(dir, CmafWriter.MASTER, frames, 6.0);
        recording.get(60, TimeUnit.SECONDS);

        assertEquals(List.of("video/mp4; codecs=\"avc1.64000d\"", "audio/mp4; codecs=\"mp4a.40.2\""), played.mimes(),
                "one SourceBuffer per CMAF track: " + played.describe());
        for (int t = 0; t < 2; t++) {
            Path playlist = dir.resolve("track" + (t + 1) + ".m3u8");
            assertEquals(List.of(), CmafRules.check(playlist, true));
            List<String> segments = CmafRules.playlist(playlist).segments();
            assertEquals(segments.size(), played.segments().get(t), "every listed segment appended: "
                    + played.describe());
            Path joined = dir.resolve("joined-track" + (t + 1) + ".mp4");
            try (OutputStream out = Files.newOutputStream(joined)) {
                out.write(Files.readAllBytes(dir.resolve("track" + (t + 1) + "-init.mp4")));
                for (String segment : segments) {
                    out.write(Files.readAllBytes(dir.resolve(segment)));
                }
            }
            PLAYERS.fragmented(joined, looped.of(t).size());
        }
        PLAYERS.hls(dir, CmafWriter.MASTER, frames, looped.of(1).size());
        assertTrue(played.appendedLive() >= 2, "the first segment of each track while recording: "
                + played.describe());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
