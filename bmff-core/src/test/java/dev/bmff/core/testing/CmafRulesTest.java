package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker itself: Shaka Packager's CMAF segments (a packager we did not write) keep every rule, and each
 * rule broken on purpose is named.
 */
class CmafRulesTest {
    @TempDir
    Path dir;

    /** A playlist over copies of the Shaka segments of {@code track} ("video" or "audio"). */
    private Path shaka(String track, boolean ended) throws IOException {
        for (String name : List.of(track + "_init.mp4", track + "_1.m4s", track + "_2.m4s")) {
            Files.copy(Fixtures.file("real/cmaf-shaka/" + name), dir.resolve(name));
        }
        Path m3u8 = dir.resolve(track + ".m3u8");
        Files.writeString(m3u8, "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n"
                + "#EXT-X-MAP:URI=\"" + track + "_init.mp4\"\n#EXTINF:1.0,\n" + track + "_1.m4s\n#EXTINF:1.0,\n" + track
                + "_2.m4s\n" + (ended ? "#EXT-X-ENDLIST\n" : ""));
        return m3u8;
    }

    @Test
    void shakaPackagerSegments_keepEveryRule() throws IOException {
        assertEquals(List.of(), CmafRules.check(shaka("video", true), true));
        assertEquals(List.of(), CmafRules.check(shaka("audio", false), false));
    }

    @Test
    void brokenRules_areNamed() throws IOException {
        Path m3u8 = shaka("video", false);
        assertEquals(List.of("playlist: EXT-X-ENDLIST missing"), CmafRules.check(m3u8, true));

        // A segment without its styp (the first 40 bytes), and the second segment handed the first's tfdt.
        byte[] first = Files.readAllBytes(dir.resolve("video_1.m4s"));
        Files.write(dir.resolve("video_1.m4s"), Arrays.copyOfRange(first, 40, first.length));
        Files.copy(Fixtures.file("real/cmaf-shaka/video_1.m4s"), dir.resolve("video_2.m4s"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> broken = CmafRules.check(m3u8, false);
        assertTrue(broken.contains("video_1.m4s: does not start with styp"), broken.toString());
        assertTrue(broken.stream().anyMatch(b -> b.startsWith("video_2.m4s: mfhd sequence")), broken.toString());
        assertTrue(broken.stream().anyMatch(b -> b.contains("tfdt 0 does not continue")), broken.toString());

        // A header that is not CMAF (no cmfc brand).
        byte[] init = Files.readAllBytes(dir.resolve("video_init.mp4"));
        String text = new String(init, java.nio.charset.StandardCharsets.ISO_8859_1).replace("cmfc", "xxxx");
        Files.write(dir.resolve("video_init.mp4"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(CmafRules.check(m3u8, false).contains("header: ftyp without cmfc and iso6 (or later)"));
    }
}
