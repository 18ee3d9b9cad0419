package dev.bmff.codecs.hevc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.box.Bytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parameter sets, hvcC and picture order of real x265 streams, checked against ffprobe. */
class HevcInteropTest {
    static List<String> media() {
        return GeneratedMedia.all();
    }

    private static ParameterSets parameterSets(HevcConfiguration c) throws Exception {
        ParameterSets sets = new ParameterSets();
        for (Bytes b : c.nalUnits()) {
            sets.add(b.toArray());
        }
        return sets;
    }

    @ParameterizedTest
    @MethodSource("media")
    void parameterSets_agreeWithFfprobe(String name) throws Exception {
        Path file = GeneratedMedia.get(name);
        HevcMedia media = HevcMedia.load(file);
        HevcConfiguration c = HevcConfiguration.parse(media.hvcC());
        // Strict: each set must end in rbsp_trailing_bits right where the syntax ends.
        Vps vps = Vps.parse(c.nalUnits(NalHeader.VPS_NUT).get(0).toArray(), true);
        Sps sps = Sps.parse(c.nalUnits(NalHeader.SPS_NUT).get(0).toArray(), true);
        Pps pps = Pps.parse(c.nalUnits(NalHeader.PPS_NUT).get(0).toArray(), true);
        assertEquals(sps.vpsId(), vps.id());
        assertEquals(pps.spsId(), sps.id());

        String json = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of",
                "json", file.toString());
        assertEquals(Integer.parseInt(FfprobeJson.field(json, "width")), sps.displayWidth(), "width");
        assertEquals(Integer.parseInt(FfprobeJson.field(json, "height")), sps.displayHeight(), "height");
        int expectedProfile = switch (FfprobeJson.field(json, "profile")) {
            case "Main" -> ProfileTierLevel.MAIN;
            case "Main 10" -> ProfileTierLevel.MAIN_10;
            case "Main Still Picture" -> ProfileTierLevel.MAIN_STILL_PICTURE;
            case "Rext" -> ProfileTierLevel.RANGE_EXTENSIONS;
            default -> throw new AssertionError("unexpected profile " + FfprobeJson.field(json, "profile"));
        };
        assertEquals(expectedProfile, sps.profileTierLevel().profileIdc(), "profile");
        assertEquals(expectedProfile, vps.profileTierLevel().profileIdc(), "VPS profile");
        assertEquals(Integer.parseInt(FfprobeJson.field(json, "level")), sps.profileTierLevel().levelIdc(), "level");
        String pixFmt = FfprobeJson.field(json, "pix_fmt");
        String chroma = pixFmt.startsWith("gray") ? "4:0:0" : pixFmt.startsWith("yuv420") ? "4:2:0"
                : pixFmt.startsWith("yuv422") ? "4:2:2" : "4:4:4";
        int depth = pixFmt.contains("p10") ? 10 : pixFmt.contains("p12") ? 12 : 8;
        assertEquals(chroma, sps.chromaFormat(), "chroma of " + pixFmt);
        assertEquals(depth, sps.bitDepthLuma(), "luma depth of " + pixFmt);
        assertEquals(depth, sps.bitDepthChroma(), "chroma depth of " + pixFmt);
        String[] rate = FfprobeJson.field(json, "r_frame_rate").split("/");
        double fps = Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]);
        assertEquals(fps, sps.frameRate().orElseThrow(), 1e-9, "frame rate");
        // ffprobe's coded size is the decoded picture before the conformance window.
        assertEquals(Integer.parseInt(FfprobeJson.field(json, "coded_width")), sps.picWidthInLumaSamples(), "coded width");

        // hvcC repeats the SPS's profile, format and sub-layer structure.
        ProfileTierLevel ptl = sps.profileTierLevel();
        assertEquals(ptl.profileSpace(), c.profileSpace());
        assertEquals(ptl.tier(), c.tier());
        assertEquals(ptl.profileIdc(), c.profileIdc());
        assertEquals(ptl.compatibilityFlags(), c.compatibilityFlags());
        assertEquals(ptl.constraintIndicatorFlags(), c.constraintIndicatorFlags());
        assertEquals(ptl.levelIdc(), c.levelIdc());
        assertEquals(sps.chromaFormatIdc(), c.chromaFormatIdc());
        assertEquals(sps.bitDepthLumaMinus8(), c.bitDepthLumaMinus8());
        assertEquals(sps.bitDepthChromaMinus8(), c.bitDepthChromaMinus8());
        assertEquals(sps.maxSubLayersMinus1() + 1, c.numTemporalLayers());
        assertEquals(sps.temporalIdNesting(), c.temporalIdNested());
        assertEquals(media.entry().width(), sps.displayWidth(), "sample entry width");
        assertEquals(media.entry().height(), sps.displayHeight(), "sample entry height");
    }

    @ParameterizedTest
    @MethodSource("media")
    void hvcC_roundTripsByteForByte(String name) throws Exception {
        byte[] payload = HevcMedia.load(GeneratedMedia.get(name)).hvcC();
        HevcConfiguration c = HevcConfiguration.parse(payload);
        assertArrayEquals(payload, c.toBytes());
        assertEquals(c, HevcConfiguration.parse(c.toBytes()));
        // Rebuilt from the parameter sets alone, the profile/format fields come out the same.
        List<byte[]> nals = c.nalUnits().stream().map(Bytes::toArray).toList();
        HevcConfiguration built = HevcConfiguration.of(nals);
        assertEquals(c.profileIdc(), built.profileIdc());
        assertEquals(c.constraintIndicatorFlags(), built.constraintIndicatorFlags());
        assertEquals(c.levelIdc(), built.levelIdc());
        assertEquals(c.chromaFormatIdc(), built.chromaFormatIdc());
        assertEquals(c.bitDepthLumaMinus8(), built.bitDepthLumaMinus8());
        assertEquals(c.numTemporalLayers(), built.numTemporalLayers());
        assertEquals(c.nalUnits(), built.nalUnits());
    }

    /** One picture in decoding order. */
    private record Pic(int decodeIndex, int cvs, int poc, boolean irap, boolean decodable) {
    }

    /** Walks samples from {@code start}: in-band parameter sets, then each picture's first slice segment. */
    private static List<Pic> walk(HevcMedia media, int start) throws Exception {
        HevcConfiguration c = HevcConfiguration.parse(media.hvcC());
        ParameterSets sets = parameterSets(c);
        PocCalculator calc = new PocCalculator();
        List<Pic> pics = new ArrayList<>();
        int cvs = -1;
        for (int i = start; i < media.samples().size(); i++) {
            PocCalculator.Picture picture = null;
            for (byte[] nal : HevcMedia.splitNalUnits(media.samples().get(i), c.nalLengthSize())) {
                NalHeader h = NalHeader.parse(nal);
                if (sets.add(nal)) {
                    continue;
                }
                if (h.type() == NalHeader.EOS_NUT) {
                    calc.endOfSequence();
                }
                if (h.isVcl() && h.layerId() == 0) {
                    SliceSegmentHeader sh = SliceSegmentHeader.parse(nal, sets);
                    if (sh.firstSliceSegmentInPic()) {
                        assertEquals(null, picture, "two pictures in sample " + i);
                        picture = calc.next(sh);
                        if (picture.noRaslOutputFlag()) {
                            cvs++;
                        }
                    }
                }
            }
            assertTrue(picture != null, "no picture in sample " + i);
            pics.add(new Pic(i, cvs, picture.poc(), picture.irap(), picture.decodable()));
        }
        return pics;
    }

    private record Packet(long pts, boolean key) {
    }

    private static List<Packet> packets(Path file) {
        String csv = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts,dts,flags", "-of", "csv=p=0", file.toString());
        List<Packet> out = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            String[] f = line.strip().split(",");
            out.add(new Packet(Long.parseLong(f[0]), f[2].startsWith("K")));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("media")
    void pocOrder_isFfprobePresentationOrder_andIrapIsKeyframe(String name) throws Exception {
        Path file = GeneratedMedia.get(name);
        HevcMedia media = HevcMedia.load(file);
        List<Packet> packets = packets(file);
        assertEquals(packets.size(), media.samples().size(), "packet count");
        List<Pic> pics = walk(media, 0);
        for (Pic p : pics) {
            assertEquals(packets.get(p.decodeIndex()).key(), p.irap(), "IRAP vs keyframe at sample " + p.decodeIndex());
            assertTrue(p.decodable(), "sample " + p.decodeIndex());
        }
        List<Integer> byPoc = pics.stream()
                .sorted(Comparator.comparingInt(Pic::cvs).thenComparingInt(Pic::poc))
                .map(Pic::decodeIndex).toList();
        List<Integer> byPts = IntStream.range(0, packets.size()).boxed()
                .sorted(Comparator.comparingLong(i -> packets.get(i).pts())).toList();
        assertEquals(byPts, byPoc);
    }

    @org.junit.jupiter.api.Test
    void openGopClip_exercisesCraRaslSubLayersAndPocWrap() throws Exception {
        HevcMedia media = HevcMedia.load(GeneratedMedia.get(GeneratedMedia.OPEN_GOP));
        HevcConfiguration c = HevcConfiguration.parse(media.hvcC());
        Sps sps = Sps.parse(c.nalUnits(NalHeader.SPS_NUT).get(0).toArray());
        // x265 raises the asked-for 4 LSB bits to fit its GOP; still far below the clip length.
        assertTrue(sps.maxPicOrderCntLsb() <= 64, "MaxPicOrderCntLsb " + sps.maxPicOrderCntLsb());
        assertEquals(1, sps.maxSubLayersMinus1());
        assertEquals(1, sps.profileTierLevel().subLayers().size());
        int cra = 0;
        int rasl = 0;
        int tid1 = 0;
        for (byte[] sample : media.samples()) {
            for (byte[] nal : HevcMedia.splitNalUnits(sample, c.nalLengthSize())) {
                NalHeader h = NalHeader.parse(nal);
                cra += h.isCra() ? 1 : 0;
                rasl += h.isRasl() ? 1 : 0;
                tid1 += h.isVcl() && h.temporalId() == 1 ? 1 : 0;
            }
        }
        assertTrue(cra >= 2, "CRA pictures: " + cra);
        assertTrue(rasl > 0, "RASL pictures");
        assertTrue(tid1 > 0, "TemporalId 1 pictures");
        List<Pic> pics = walk(media, 0);
        assertEquals(0, pics.get(pics.size() - 1).cvs(), "a CRA inside the stream does not restart POC");
        assertTrue(pics.stream().mapToInt(Pic::poc).max().orElseThrow() > sps.maxPicOrderCntLsb(),
                "POC keeps counting past the LSB wrap");
    }

    @org.junit.jupiter.api.Test
    void startingAtCra_dropsItsRaslPictures_andKeepsTheRestInOrder() throws Exception {
        Path file = GeneratedMedia.get(GeneratedMedia.OPEN_GOP);
        HevcMedia media = HevcMedia.load(file);
        List<Packet> packets = packets(file);
        int start = IntStream.range(1, packets.size()).filter(i -> packets.get(i).key()).findFirst().orElseThrow();
        List<Pic> pics = walk(media, start);
        assertTrue(pics.get(0).irap());
        // The pictures shown before the CRA in the full stream are its leading pictures: RASL here.
        long craPts = packets.get(start).pts();
        for (Pic p : pics) {
            boolean leading = packets.get(p.decodeIndex()).pts() < craPts;
            assertEquals(!leading, p.decodable(), "sample " + p.decodeIndex());
        }
        List<Integer> byPoc = pics.stream().filter(Pic::decodable)
                .sorted(Comparator.comparingInt(Pic::cvs).thenComparingInt(Pic::poc)).map(Pic::decodeIndex).toList();
        List<Integer> byPts = IntStream.range(start, packets.size()).boxed()
                .filter(i -> packets.get(i).pts() >= craPts)
                .sorted(Comparator.comparingLong(i -> packets.get(i).pts())).toList();
        assertEquals(byPts, byPoc);
    }
}
