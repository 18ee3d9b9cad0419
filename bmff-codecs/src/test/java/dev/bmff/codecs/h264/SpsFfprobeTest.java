package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every H.264 fixture's avcC and SPS against what ffprobe reports for the stream. */
class SpsFfprobeTest {
    private static final Map<String, Integer> PROFILE_IDC = Map.of("Baseline", 66, "Constrained Baseline", 66,
            "Main", 77, "High", 100, "High 10", 110, "High 4:2:2", 122, "High 4:4:4 Predictive", 244);

    static Stream<Path> h264Fixtures() {
        return Fixtures.all().stream().filter(p -> p.getFileName().toString().startsWith("h264-"));
    }

    @ParameterizedTest
    @MethodSource("h264Fixtures")
    void sps_fromAvcC_matchesFfprobe(Path file) throws Exception {
        Optional<AvcTrack> track = AvcTrack.open(file);
        assertTrue(track.isPresent(), file + " has no avc1 track with an avcC");
        AvcConfiguration avcC = AvcConfiguration.parse(track.get().avcC());
        assertArrayEquals(track.get().avcC(), avcC.toBytes(), "avcC round trip");
        assertFalse(avcC.sequenceParameterSets().isEmpty());
        Sps sps = Sps.parse(avcC.sequenceParameterSets().get(0).toArray());
        assertEquals(avcC.profileIndication(), sps.profileIdc());
        assertEquals(avcC.profileCompatibility(), sps.constraintSetFlags());
        assertEquals(avcC.levelIndication(), sps.levelIdc());
        if (avcC.highProfileFields() != null) {
            assertEquals(avcC.highProfileFields().chromaFormat(), sps.chromaFormatIdc());
            assertEquals(avcC.highProfileFields().bitDepthLumaMinus8() + 8, sps.bitDepthLuma());
            assertEquals(avcC.highProfileFields().bitDepthChromaMinus8() + 8, sps.bitDepthChroma());
        }
        Map<Integer, Sps> spsMap = Map.of(sps.seqParameterSetId(), sps);
        for (var pps : avcC.pictureParameterSets()) {
            assertEquals(sps.seqParameterSetId(), Pps.parse(pps.toArray(), spsMap).seqParameterSetId());
        }

        String json = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams",
                "-of", "json", file.toString());
        assertEquals(Integer.parseInt(JsonFields.first(json, "width")), sps.width(), "width");
        assertEquals(Integer.parseInt(JsonFields.first(json, "height")), sps.height(), "height");
        String profile = JsonFields.first(json, "profile");
        assertEquals(PROFILE_IDC.get(profile), sps.profileIdc(), "profile_idc for " + profile);
        assertEquals(profile, sps.profileName(), "profile name");
        assertEquals(Integer.parseInt(JsonFields.first(json, "level")), sps.levelIdc(), "level_idc");
        String pixFmt = JsonFields.first(json, "pix_fmt");
        assertEquals(bitDepth(pixFmt), sps.bitDepthLuma(), "bit depth from " + pixFmt);
        List<String> raw = JsonFields.all(json, "bits_per_raw_sample");
        if (!raw.isEmpty()) {
            assertEquals(Integer.parseInt(raw.get(0)), sps.bitDepthLuma(), "bits_per_raw_sample");
        }
        assertEquals(chroma(pixFmt), sps.chroma(), "chroma from " + pixFmt);
        String[] rate = JsonFields.first(json, "r_frame_rate").split("/");
        assertTrue(sps.frameRate().isPresent(), "VUI timing info");
        assertEquals(Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]), sps.frameRate().getAsDouble(), 1e-9,
                "frame rate");
        String fieldOrder = JsonFields.first(json, "field_order");
        assertEquals("progressive".equals(fieldOrder), sps.frameMbsOnly(), "frame_mbs_only_flag vs " + fieldOrder);
        assertNotNull(sps.vui());
    }

    private static int bitDepth(String pixFmt) {
        if (pixFmt.contains("10")) {
            return 10;
        }
        if (pixFmt.contains("12")) {
            return 12;
        }
        return 8;
    }

    private static String chroma(String pixFmt) {
        if (pixFmt.startsWith("gray")) {
            return "4:0:0";
        }
        if (pixFmt.startsWith("yuv420") || pixFmt.startsWith("yuvj420")) {
            return "4:2:0";
        }
        if (pixFmt.startsWith("yuv422") || pixFmt.startsWith("yuvj422")) {
            return "4:2:2";
        }
        if (pixFmt.startsWith("yuv444") || pixFmt.startsWith("yuvj444")) {
            return "4:4:4";
        }
        throw new AssertionError("unexpected pix_fmt " + pixFmt);
    }
}
