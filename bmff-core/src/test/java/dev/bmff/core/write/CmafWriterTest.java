package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.TrackBox;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.CmafRules;
import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CmafWriter on {@code h264-aac.mp4} (B-frames, a keyframe every second, AAC) looped three times: the
 * segments keep the CMAF rules as our reader checks them ({@link CmafRules}), ffmpeg reads the playlist to
 * exactly the source's pictures and audio frames, and while it is written every listed segment is complete
 * and decodes.
 */
class CmafWriterTest {
    private static SourceMedia looped;
    private static List<String> sourceVideoMd5;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() throws IOException {
        looped = SegmentedWriterTest.looped("h264-aac.mp4");
        sourceVideoMd5 = SegmentedWriterTest.loopedVideoMd5("h264-aac.mp4");
    }

    private List<CmafWriter.Segment> write(CmafWriter.Options options) throws IOException {
        List<CmafWriter.Segment> segments = new ArrayList<>();
        CmafWriter.Listener inner = options.listener();
        try (CmafWriter w = CmafWriter.create(dir, looped.specs(), options.withListener(s -> {
            segments.add(s);
            inner.segmentWritten(s);
        }))) {
            for (Sample s : looped.samples()) {
                w.write(s);
            }
        }
        return segments;
    }

    @Test
    void keepsTheCmafRulesAndPlaysAsTheSource() throws IOException {
        List<CmafWriter.Segment> segments = write(CmafWriter.Options.defaults()
                .withSegmentDuration(Duration.ofSeconds(2)).withSegmentIndex(true).withCodecs("avc1.64000d,mp4a.40.2"));
        Path playlist = dir.resolve(CmafWriter.PLAYLIST);
        assertEquals(List.of(), CmafRules.check(playlist, true));
        assertEquals(3, segments.size(), "6 s in segments of 2 s");
        CmafRules.Playlist p = CmafRules.playlist(playlist);
        assertEquals(segments.stream().map(s -> s.paths().get(0).getFileName().toString()).toList(), p.segments());
        assertEquals(6.0, p.durations().stream().mapToDouble(Double::doubleValue).sum(), 0.05);
        assertTrue(Files.readString(dir.resolve(CmafWriter.MASTER)).contains("CODECS=\"avc1.64000d,mp4a.40.2\""));

        // What a player shows: every source picture once, in order; every audio frame's bytes once.
        Tools.Result r = Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                playlist.toString(), "-map", "0:v", "-f", "framemd5", "-");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err().strip(), "ffmpeg reads the playlist without a message");
        assertEquals(sourceVideoMd5, md5Column(r.out()));
        Tools.Result audio = Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                playlist.toString(), "-map", "0:a", "-c", "copy", "-f", "framemd5", "-");
        assertEquals(0, audio.exit(), audio.err());
        List<String> sourceAudio = looped.of(1).stream().map(s -> md5(s.data().toArray())).toList();
        assertEquals(sourceAudio, md5Column(audio.out()), "every AAC frame once, in order");
    }

    @Test
    void separateTracks_oneTrackPerCmafTrack_andTheMasterPlaysAsTheSource() throws IOException {
        List<CmafWriter.Segment> segments = write(CmafWriter.Options.defaults()
                .withSegmentDuration(Duration.ofSeconds(2)).withSeparateTracks(true));
        assertEquals(3, segments.size());
        for (String track : List.of("track1", "track2")) {
            Path playlist = dir.resolve(track + ".m3u8");
            assertEquals(List.of(), CmafRules.check(playlist, true), track);
            assertEquals(1, BoxReader.read(dir.resolve(track + "-init.mp4"), ReadOptions.strict()).movie().orElseThrow()
                    .all(TrackBox.class).size(), track + ": one track per CMAF header");
            assertEquals(3, CmafRules.playlist(playlist).segments().size());
        }
        String master = Files.readString(dir.resolve(CmafWriter.MASTER));
        assertTrue(master.contains("URI=\"track2.m3u8\"") && master.contains("AUDIO=\"audio\"")
                && master.endsWith("track1.m3u8\n"), master);
        Path masterPath = dir.resolve(CmafWriter.MASTER);
        Tools.Result r = Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                masterPath.toString(), "-map", "0:v", "-f", "framemd5", "-");
        assertEquals(0, r.exit(), r.err());
        assertEquals(sourceVideoMd5, md5Column(r.out()));
        Tools.Result audio = Tools.run(ExternalTools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                masterPath.toString(), "-map", "0:a", "-c", "copy", "-f", "framemd5", "-");
        assertEquals(0, audio.exit(), audio.err());
        assertEquals(looped.of(1).stream().map(s -> md5(s.data().toArray())).toList(), md5Column(audio.out()));
    }

    @Test
    void everyListedSegmentIsCompleteWhileRecording() throws IOException {
        Path playlist = dir.resolve(CmafWriter.PLAYLIST);
        List<Integer> listed = new ArrayList<>();
        String[] before = {""};
        write(CmafWriter.Options.defaults().withSegmentDuration(Duration.ofSeconds(2)).withListener(segment -> {
            // A player re-reads the playlist now: the rules hold, no ENDLIST yet, and the newest segment plays.
            assertEquals(List.of(), CmafRules.check(playlist, false));
            String text = Files.readString(playlist);
            assertTrue(text.startsWith(before[0]) && text.contains("#EXT-X-PLAYLIST-TYPE:EVENT"),
                    "an EVENT playlist only grows:\n" + before[0] + "\n->\n" + text);
            before[0] = text;
            CmafRules.Playlist p = CmafRules.playlist(playlist);
            listed.add(p.segments().size());
            Path joined = dir.resolve("joined-" + segment.sequence() + ".mp4");
            try (OutputStream out = Files.newOutputStream(joined)) {
                out.write(Files.readAllBytes(dir.resolve(CmafWriter.INIT)));
                out.write(Files.readAllBytes(dir.resolve(p.segments().get(p.segments().size() - 1))));
            }
            long[] packets = Tools.playsWhatItHolds(joined, 2);
            assertTrue(packets[0] >= 25, "a segment holds at least its 2 s GOPs of video: " + packets[0]);
        }));
        assertEquals(List.of(1, 2), listed.subList(0, 2), "each segment is listed as it is written");
        assertTrue(CmafRules.playlist(playlist).ended());
        assertTrue(Files.readString(playlist).startsWith(before[0]), "ENDLIST is appended");
    }

    @Test
    void audioSamplesAreSyncSamples() throws IOException {
        List<Sample> unsynced = looped.samples().stream().map(s -> s.track() == 1
                ? new Sample(1, s.data(), s.dts(), 0, s.duration(), false) : s).toList();
        try (CmafWriter w = CmafWriter.create(dir, looped.specs(), CmafWriter.Options.defaults())) {
            for (Sample s : unsynced) {
                w.write(s);
            }
        }
        assertEquals(List.of(), CmafRules.check(dir.resolve(CmafWriter.PLAYLIST), true));
    }

    @Test
    void refusesWhatItCannotWrite() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.Options.defaults().withCodecs("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> CmafWriter.Options.defaults()
                .withSegmentDuration(Duration.ZERO));
        assertThrows(IOException.class, () -> CmafWriter.create(dir.resolve("missing"), looped.specs(),
                CmafWriter.Options.defaults()));
        assertFalse(Files.exists(dir.resolve(CmafWriter.PLAYLIST)));
    }

    private static List<String> md5Column(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }

    private static String md5(byte[] data) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(data);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
