package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks every sample in decode order, computes each picture's POC from its slice headers, and checks
 * that POC order is the presentation order of ffprobe's packet pts, and that IDR pictures are exactly
 * ffprobe's keyframes (and the file's sync samples).
 */
class PocFfprobeTest {
    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "h264-main.mp4", "h264-interlaced.mp4", "h264-baseline.mp4",
        "h264-high10.mp4"})
    void pocOrder_isFfprobePresentationOrder_andIdrIsKeyframe(String name) throws Exception {
        AvcTrack track = AvcTrack.open(Fixtures.file(name)).orElseThrow();
        AvcConfiguration avcC = AvcConfiguration.parse(track.avcC());
        Map<Integer, Sps> spsMap = new HashMap<>();
        Map<Integer, Pps> ppsMap = new HashMap<>();
        for (Bytes b : avcC.sequenceParameterSets()) {
            Sps s = Sps.parse(b.toArray());
            spsMap.put(s.seqParameterSetId(), s);
        }
        for (Bytes b : avcC.pictureParameterSets()) {
            Pps p = Pps.parse(b.toArray(), spsMap);
            ppsMap.put(p.picParameterSetId(), p);
        }

        int n = track.samples().sampleCount();
        PocCalculator calculator = new PocCalculator();
        List<PictureOrder> orders = new ArrayList<>();
        List<Boolean> idr = new ArrayList<>();
        int fields = 0;
        for (int i = 0; i < n; i++) {
            byte[] sample = track.sample(i);
            PictureOrder sampleOrder = null;
            Boolean sampleIdr = null;
            for (NalRange r : NalUnits.splitLengthPrefixed(sample, avcC.nalLengthSize())) {
                byte[] nal = r.copyFrom(sample);
                NalHeader h = NalHeader.parse(nal);
                if (h.nalUnitType() == NalHeader.SPS) {
                    Sps s = Sps.parse(nal);
                    spsMap.put(s.seqParameterSetId(), s);
                } else if (h.nalUnitType() == NalHeader.PPS) {
                    Pps p = Pps.parse(nal, spsMap);
                    ppsMap.put(p.picParameterSetId(), p);
                } else if (h.isSlice()) {
                    SliceHeader sh = SliceHeader.parse(nal, spsMap, ppsMap);
                    if (sh.firstMbInSlice() != 0) {
                        continue; // a later slice of the same picture
                    }
                    PictureOrder o = calculator.next(sh);
                    fields += sh.fieldPic() ? 1 : 0;
                    // A sample holding two fields is presented at the earlier of the two (8.2.1: frame POC = min).
                    if (sampleOrder == null || PictureOrder.OUTPUT_ORDER.compare(o, sampleOrder) < 0) {
                        sampleOrder = o;
                    }
                    if (sampleIdr == null) {
                        sampleIdr = sh.isIdr();
                    }
                }
            }
            assertTrue(sampleOrder != null, "sample " + i + " has no slice");
            orders.add(sampleOrder);
            idr.add(sampleIdr);
        }
        if (name.contains("interlaced")) {
            // x264 codes interlace as MBAFF frames (field_pic_flag 0), so field_pic_flag is read but each
            // sample is one frame picture; PocCalculatorTest covers field pairs.
            Sps sps = spsMap.values().iterator().next();
            assertTrue(!sps.frameMbsOnly() && (fields > 0 || sps.mbAdaptiveFrameField()), "interlaced coding");
        }

        String json = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts,dts,flags", "-of", "json", Fixtures.file(name).toString());
        List<String> pts = JsonFields.all(json, "pts");
        List<String> flags = JsonFields.all(json, "flags");
        assertEquals(n, pts.size(), "packet count");
        assertEquals(n, flags.size(), "flags count");

        List<Integer> byPoc = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparing(orders::get, PictureOrder.OUTPUT_ORDER)).toList();
        List<Integer> byPts = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingLong(i -> Long.parseLong(pts.get(i)))).toList();
        assertEquals(byPts, byPoc, "presentation order");
        boolean reordered = !byPts.equals(IntStream.range(0, n).boxed().toList());
        assertEquals(!name.contains("baseline"), reordered, "B-frame fixtures reorder, Baseline does not");
        for (int i = 0; i < n; i++) {
            boolean key = flags.get(i).contains("K");
            assertEquals(key, idr.get(i), "IDR vs ffprobe keyframe flag, sample " + i);
            assertEquals(key, track.samples().isSync(i), "sync sample vs ffprobe keyframe flag, sample " + i);
        }
    }
}
