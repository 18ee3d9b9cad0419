package dev.bmff.recover.model;

import static dev.bmff.recover.model.NalVocabulary.BASE_SLICE;
import static dev.bmff.recover.model.NalVocabulary.LEADING;
import static dev.bmff.recover.model.NalVocabulary.TRAILING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What ModelLearner learns about the NAL units of real recordings' video tracks. */
class NalVocabularyTest {
    @Test
    void learn_iphoneHevc_dolbyVisionRpuTrailsEveryPicture() throws Exception {
        ReferenceModel model = ModelLearner.learn(Fixtures.file("real/sample_with_color_info.mp4"));
        NalVocabulary v = ((CodecModel.Hevc) model.tracks().get(0).codec()).vocabulary();
        assertEquals(9, v.samples());
        assertEquals(1, v.syncSamples());
        assertEquals(Set.of(1, 20, 39, 62), v.types());
        assertEquals(Set.of(0), v.layers());
        assertEquals(TRAILING, v.placement(62, 0));
        assertEquals(LEADING, v.placement(NalHeader.PREFIX_SEI_NUT, 0));
        assertEquals(BASE_SLICE, v.placement(NalHeader.IDR_N_LP, 0));
        assertTrue(v.trails(62, 0));
        assertFalse(v.contains(63, 0));
        assertEquals(0, v.samplesWithParameterSets());
        assertFalse(v.parameterSetsInEverySample());
        assertFalse(v.parameterSetsInEverySyncSample());
    }

    @Test
    void learn_pixelMotionPhoto_onlyTheStillCarriesParameterSetsInBand() throws Exception {
        ReferenceModel model = ModelLearner.learn(Fixtures.file("real/pixel-motion-photo-2-hevc-tracks.mp4"));
        assertEquals(4, model.tracks().size(), "two video tracks and two mett tracks");
        assertTrue(model.tracks().get(2).codec() instanceof CodecModel.Metadata, "mett is framed, not parsed");
        NalVocabulary main = ((CodecModel.Hevc) model.tracks().get(0).codec()).vocabulary();
        NalVocabulary still = ((CodecModel.Hevc) model.tracks().get(1).codec()).vocabulary();
        assertEquals(58, main.samples());
        assertEquals(Set.of(1, 20), main.types());
        assertEquals(0, main.samplesWithParameterSets());
        assertEquals(List.of(), main.parameterSets());

        assertEquals(1, still.samples());
        assertTrue(still.parameterSetsInEverySample());
        assertTrue(still.parameterSetsInEverySyncSample());
        assertEquals(Map.of(NalVocabulary.key(32, 0), LEADING, NalVocabulary.key(33, 0), LEADING,
                NalVocabulary.key(34, 0), LEADING, NalVocabulary.key(20, 0), BASE_SLICE), still.placements());
        // The in-band sets are the hvcC's.
        CodecModel.Hevc c = (CodecModel.Hevc) model.tracks().get(1).codec();
        assertEquals(c.config().nalUnits(), still.parameterSets());
    }

    @Test
    void learn_x264_onlyTextbookUnits() throws Exception {
        ReferenceModel model = ModelLearner.learn(Fixtures.file("h264-aac.mp4"));
        NalVocabulary v = ((CodecModel.Avc) model.tracks().get(0).codec()).vocabulary();
        assertEquals(Set.of(1, 5, 6), v.types());
        assertEquals(LEADING, v.placement(6, 0));
        assertTrue(v.samples() > 0 && v.samples() <= NalSurvey.MAX_SAMPLES);
    }

    @Test
    void vocabulary_rejectsInconsistentCountsAndPlacements() {
        assertThrows(IllegalArgumentException.class, () -> new NalVocabulary(1, 2, Map.of(), 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NalVocabulary(2, 1, Map.of(), 3, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NalVocabulary(2, 1, Map.of(), 2, 2, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NalVocabulary(1, 0, Map.of(64 * 64, 1), 0, 0,
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NalVocabulary(1, 0, Map.of(5, 0), 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> NalVocabulary.key(64, 0));
        NalVocabulary v = new NalVocabulary(1, 1, Map.of(NalVocabulary.key(1, 1), TRAILING), 1, 1,
                List.of(Bytes.of((byte) 0x40, (byte) 1)));
        assertEquals(v, new NalVocabulary(1, 1, Map.of(NalVocabulary.key(1, 1), TRAILING), 1, 1,
                List.of(Bytes.of((byte) 0x40, (byte) 1))));
        assertEquals(Set.of(1), v.layers());
        assertEquals(0, NalVocabulary.NONE.placement(1, 0));
    }
}
