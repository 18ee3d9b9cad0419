package dev.bmff.recover.match;

import static dev.bmff.recover.match.NalPictureMatcher.Kind.ATTACHED;
import static dev.bmff.recover.match.NalPictureMatcher.Kind.INVALID;
import static dev.bmff.recover.match.NalPictureMatcher.Kind.PICTURE_START;
import static dev.bmff.recover.match.NalPictureMatcher.Kind.PREFIX;
import static dev.bmff.recover.match.NalPictureMatcher.Kind.SLICE;
import static dev.bmff.recover.match.NalPictureMatcher.Kind.SUFFIX;
import static dev.bmff.recover.model.NalVocabulary.BASE_SLICE;
import static dev.bmff.recover.model.NalVocabulary.BETWEEN;
import static dev.bmff.recover.model.NalVocabulary.LEADING;
import static dev.bmff.recover.model.NalVocabulary.TRAILING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.Rbsp;
import dev.bmff.codecs.hevc.ParameterSets;
import dev.bmff.codecs.hevc.Pps;
import dev.bmff.codecs.hevc.Sps;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.NalVocabulary;
import dev.bmff.recover.model.ReferenceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AVC and HEVC matchers accept the NAL units a reference showed, where it showed them, and stay strict for the
 * rest: streams built from the fixtures' real pictures with made-up units around them.
 */
class LearnedNalUnitsTest {
    private static final long MAX = 16 << 20;

    @TempDir
    Path dir;

    @Test
    void learned_unseenUnitsKeepTheirTextbookKind() {
        for (NalPictureMatcher.Kind k : NalPictureMatcher.Kind.values()) {
            assertEquals(k, NalPictureMatcher.learned(k, 0));
        }
        // Slices and trailing units keep their kind wherever the reference shows them.
        for (int where = 1; where < 16; where++) {
            assertEquals(SLICE, NalPictureMatcher.learned(SLICE, where));
            assertEquals(SUFFIX, NalPictureMatcher.learned(SUFFIX, where));
        }
    }

    @Test
    void learned_placementDecidesTheKindOfUnitsATextbookMatcherRefuses() {
        assertEquals(SUFFIX, NalPictureMatcher.learned(INVALID, TRAILING));
        assertEquals(PREFIX, NalPictureMatcher.learned(INVALID, LEADING));
        assertEquals(ATTACHED, NalPictureMatcher.learned(INVALID, LEADING | BETWEEN));
        assertEquals(ATTACHED, NalPictureMatcher.learned(INVALID, BETWEEN));
        assertEquals(ATTACHED, NalPictureMatcher.learned(INVALID, LEADING | TRAILING));
        assertEquals(SUFFIX, NalPictureMatcher.learned(INVALID, TRAILING | BASE_SLICE));
    }

    @Test
    void learned_textbookOpenersKeepTheirKindUnlessSeenAfterASlice() {
        assertEquals(PREFIX, NalPictureMatcher.learned(PREFIX, LEADING));
        assertEquals(PICTURE_START, NalPictureMatcher.learned(PICTURE_START, LEADING));
        // An encoder that writes its SEI after the slices: the SEI belongs to the picture before it.
        assertEquals(SUFFIX, NalPictureMatcher.learned(PREFIX, TRAILING));
        assertEquals(ATTACHED, NalPictureMatcher.learned(PREFIX, LEADING | BETWEEN));
        assertEquals(ATTACHED, NalPictureMatcher.learned(PICTURE_START, LEADING | TRAILING));
    }

    /** An iPhone's Dolby Vision RPU (unspecified type 62) after every picture. */
    @Test
    void hevc_unitTheReferenceShowedAfterEveryPicture_isPartOfThePicture() throws Exception {
        Hevc h = hevc();
        byte[] rpu = NalStreams.hevcUnit(62, 0, 60);
        List<byte[]> pictures = new ArrayList<>();
        for (byte[] s : h.samples.subList(0, 12)) {
            pictures.add(NalStreams.concat(List.of(s, NalStreams.join(List.of(rpu)))));
        }
        byte[] stream = NalStreams.concat(pictures);

        assertWalk(HevcMatcher.of(h.config, vocabulary(62, 0, TRAILING), false, MAX), stream, sizes(pictures));
        // Without the vocabulary a picture ends before the RPU, and nothing starts at the RPU.
        try (NalStreams.Open o = NalStreams.open(dir, stream)) {
            HevcMatcher textbook = HevcMatcher.of(h.config, MAX);
            assertEquals(h.samples.get(0).length, textbook.match(o.window(), 0, null, false).length());
            assertNull(textbook.match(o.window(), h.samples.get(0).length, null, false));
        }
    }

    @Test
    void hevc_unitOfATypeTheReferenceNeverShowed_stillEndsThePicture() throws Exception {
        Hevc h = hevc();
        byte[] stream = NalStreams.concat(List.of(h.samples.get(1),
                NalStreams.join(List.of(NalStreams.hevcUnit(62, 0, 60), NalStreams.hevcUnit(63, 0, 60))),
                h.samples.get(2)));
        try (NalStreams.Open o = NalStreams.open(dir, stream)) {
            HevcMatcher m = HevcMatcher.of(h.config, vocabulary(62, 0, TRAILING), false, MAX);
            assertEquals(h.samples.get(1).length + 66, m.match(o.window(), 0, null, false).length());
            // Type 62 in another layer was not learned either.
            HevcMatcher other = HevcMatcher.of(h.config, vocabulary(62, 1, TRAILING), false, MAX);
            assertEquals(h.samples.get(1).length, other.match(o.window(), 0, null, false).length());
        }
    }

    /** MV-HEVC (spatial video): the second view's units, nuh_layer_id 1, follow the base layer's slices. */
    @Test
    void hevc_unitsOfALearnedLayer_arePartOfThePicture_otherLayersAreNot() throws Exception {
        Hevc h = hevc();
        NalVocabulary layerOne = vocabulary(1, 1, TRAILING, 39, 1, TRAILING, 19, 1, TRAILING);
        List<byte[]> pictures = new ArrayList<>();
        for (byte[] s : h.samples.subList(0, 8)) {
            // A layer-1 slice whose first_slice_segment_in_pic_flag is set: it must not open a picture.
            byte[] second = NalStreams.hevcUnit(1, 1, 80);
            second[2] = (byte) 0x80;
            pictures.add(NalStreams.concat(List.of(s,
                    NalStreams.join(List.of(NalStreams.hevcUnit(39, 1, 12), second)))));
        }
        assertWalk(HevcMatcher.of(h.config, layerOne, false, MAX), NalStreams.concat(pictures), sizes(pictures));

        byte[] layerTwo = NalStreams.concat(List.of(h.samples.get(1),
                NalStreams.join(List.of(NalStreams.hevcUnit(1, 2, 80)))));
        try (NalStreams.Open o = NalStreams.open(dir, layerTwo)) {
            assertEquals(h.samples.get(1).length,
                    HevcMatcher.of(h.config, layerOne, false, MAX).match(o.window(), 0, null, false).length());
            assertEquals(h.samples.get(1).length,
                    HevcMatcher.of(h.config, MAX).match(o.window(), 0, null, false).length());
        }
    }

    /**
     * A unit the reference showed both before a picture's first slice and between its slices belongs to the slice
     * after it: to the next picture when that slice starts one, else to this picture; with no slice after it, to
     * this picture.
     */
    @Test
    void hevc_unitSeenBeforeAndBetweenSlices_goesWithTheSliceAfterIt() throws Exception {
        Hevc h = hevc();
        NalVocabulary v = vocabulary(41, 0, LEADING | BETWEEN);
        byte[] x = NalStreams.join(List.of(NalStreams.hevcUnit(41, 0, 20)));
        byte[] a = h.samples.get(1);
        byte[] b = h.samples.get(2);
        byte[] c = h.samples.get(3);
        int xl = x.length;

        assertWalk(HevcMatcher.of(h.config, v, false, MAX), NalStreams.concat(List.of(a, x, b, x, c)),
                List.of((long) a.length, (long) xl + b.length, (long) xl + c.length));
        // Nothing after it: the end of this picture.
        assertWalk(HevcMatcher.of(h.config, v, false, MAX), NalStreams.concat(List.of(a, x)),
                List.of((long) a.length + xl));
        // A suffix SEI after it: both trail this picture.
        byte[] suffix = NalStreams.join(List.of(NalStreams.hevcUnit(40, 0, 10)));
        assertWalk(HevcMatcher.of(h.config, v, false, MAX), NalStreams.concat(List.of(a, x, suffix, b)),
                List.of((long) a.length + xl + suffix.length, (long) b.length));
        // A second slice segment of the same picture after it: part of this picture.
        byte[] second = NalStreams.join(List.of(secondSliceSegment(h, NalStreams.units(a).get(0))));
        assertWalk(HevcMatcher.of(h.config, v, false, MAX), NalStreams.concat(List.of(a, x, second, b)),
                List.of((long) a.length + xl + second.length, (long) b.length));
        // Never seen: invalid, so the picture ends before it and nothing starts there.
        try (NalStreams.Open o = NalStreams.open(dir, NalStreams.concat(List.of(a, x, b)))) {
            HevcMatcher textbook = HevcMatcher.of(h.config, MAX);
            assertEquals(a.length, textbook.match(o.window(), 0, null, false).length());
            assertNull(textbook.match(o.window(), a.length, null, false));
        }
    }

    /** Slow-motion H.264: a prefix NAL unit (type 14) before every slice, a slice extension (20) after it. */
    @Test
    void avc_prefixUnitsBeforeSlicesAndExtensionsAfter_arePartOfThePictureWhenLearned() throws Exception {
        Path file = Fixtures.file("h264-aac.mp4");
        CodecModel.Avc avc = (CodecModel.Avc) ModelLearner.learn(file).tracks().get(0).codec();
        List<byte[]> pictures = new ArrayList<>();
        for (byte[] s : NalStreams.samples(file, 0).subList(0, 30)) {
            List<byte[]> units = new ArrayList<>();
            for (byte[] u : NalStreams.units(s)) {
                int type = u[0] & 0x1F;
                boolean slice = type == 1 || type == 5;
                if (slice) {
                    units.add(NalStreams.avcUnit((u[0] >> 5) & 3, 14, 3));
                }
                units.add(u);
                if (slice) {
                    units.add(NalStreams.avcUnit((u[0] >> 5) & 3, 20, 40));
                }
            }
            pictures.add(NalStreams.join(units));
        }
        byte[] stream = NalStreams.concat(pictures);
        NalVocabulary v = vocabulary(14, 0, LEADING, 20, 0, TRAILING);
        assertWalk(AvcMatcher.of(avc.config(), v, false, MAX), stream, sizes(pictures));
        try (NalStreams.Open o = NalStreams.open(dir, stream)) {
            assertNull(AvcMatcher.of(avc.config(), MAX).match(o.window(), 0, null, false));
            // Prefix units learned, extensions not: the picture ends before its extension.
            Match m = AvcMatcher.of(avc.config(), vocabulary(14, 0, LEADING), false, MAX)
                    .match(o.window(), 0, null, false);
            assertEquals(pictures.get(0).length - 4 - 41, m.length());
        }
    }

    /**
     * A Pixel motion photo: two HEVC tracks whose SPS differ only in the picture size, the second one's picture
     * with in-band parameter sets. Each matcher takes only its own track's pictures.
     */
    @Test
    void hevc_twoTracksOfOneCodec_eachPictureGoesToTheTrackWhoseParameterSetsItCarries() throws Exception {
        Path file = Fixtures.file("real/pixel-motion-photo-2-hevc-tracks.mp4");
        ReferenceModel model = ModelLearner.learn(file);
        CodecModel.Hevc main = (CodecModel.Hevc) model.tracks().get(0).codec();
        CodecModel.Hevc still = (CodecModel.Hevc) model.tracks().get(1).codec();
        byte[] a = NalStreams.samples(file, 0).get(1);
        byte[] s = NalStreams.samples(file, 1).get(0);
        byte[] k = NalStreams.samples(file, 0).get(7);
        byte[] stream = NalStreams.concat(List.of(a, s, k));
        try (NalStreams.Open o = NalStreams.open(dir, stream)) {
            MediaWindow w = o.window();
            HevcMatcher one = HevcMatcher.of(main.config(), main.vocabulary(), true, MAX);
            HevcMatcher two = HevcMatcher.of(still.config(), still.vocabulary(), true, MAX);
            assertEquals(a.length, one.match(w, 0, null, false).length());
            assertNull(two.match(w, 0, null, false), "the still's pictures carry their parameter sets");
            assertNull(one.match(w, a.length, null, false), "in-band SPS of another picture size");
            assertEquals(s.length, two.match(w, a.length, null, false).length());
            assertEquals(k.length, one.match(w, a.length + s.length, null, false).length());
            assertNull(two.match(w, a.length + s.length, null, false), "a keyframe without parameter sets");

            // One video track of the codec: nothing is checked, as before.
            HevcMatcher alone = HevcMatcher.of(main.config(), main.vocabulary(), false, MAX);
            assertNotNull(alone.match(w, a.length, null, false));
            assertNotNull(HevcMatcher.of(still.config(), still.vocabulary(), false, MAX).match(w, 0, null, false));
        }
    }

    /** Walks {@code stream} from its start with {@code m}: one picture of each of {@code sizes}, then the end. */
    private void assertWalk(NalPictureMatcher m, byte[] stream, List<Long> sizes) throws Exception {
        try (NalStreams.Open o = NalStreams.open(dir, stream)) {
            long pos = 0;
            List<Long> found = new ArrayList<>();
            while (pos < stream.length) {
                Match match = m.match(o.window(), pos, null, false);
                if (match == null) {
                    break;
                }
                m.commit(match);
                found.add(match.length());
                pos += match.length();
            }
            assertEquals(sizes, found);
        }
    }

    private static List<Long> sizes(List<byte[]> pictures) {
        return pictures.stream().map(p -> (long) p.length).toList();
    }

    /** Triples of (type, layer, placement). */
    private static NalVocabulary vocabulary(int... triples) {
        Map<Integer, Integer> placements = new HashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            placements.put(NalVocabulary.key(triples[i], triples[i + 1]), triples[i + 2]);
        }
        return new NalVocabulary(1, 1, placements, 0, 0, List.of());
    }

    private record Hevc(dev.bmff.codecs.hevc.HevcConfiguration config, List<byte[]> samples) {
    }

    private static Hevc hevc() throws Exception {
        Path file = Fixtures.file("hevc-aac.mp4");
        CodecModel.Hevc c = (CodecModel.Hevc) ModelLearner.learn(file).tracks().get(0).codec();
        return new Hevc(c.config(), NalStreams.samples(file, 0));
    }

    /**
     * A second slice segment of the (non-IRAP) picture whose first slice segment is {@code first}: the same header
     * with first_slice_segment_in_pic_flag 0 and slice_segment_address 1.
     */
    private static byte[] secondSliceSegment(Hevc h, byte[] first) throws Exception {
        ParameterSets sets = new ParameterSets();
        for (Bytes b : h.config.nalUnits()) {
            sets.add(b.toArray());
        }
        byte[] rbsp = Rbsp.unescape(first, 2, Math.min(first.length - 2, 200));
        BitReader r = new BitReader(rbsp);
        assertEquals(true, r.flag("first_slice_segment_in_pic_flag"));
        int ppsId = r.ue("slice_pic_parameter_set_id");
        Pps pps = sets.pps(ppsId).orElseThrow();
        Sps sps = sets.sps(pps.spsId()).orElseThrow();
        BitWriter w = new BitWriter().flag(false).ue(ppsId);
        if (pps.dependentSliceSegmentsEnabled()) {
            w.flag(false);
        }
        int ctbs = sps.picSizeInCtbsY();
        w.u(32 - Integer.numberOfLeadingZeros(ctbs - 1), 1);
        while (r.remaining() > 0) {
            w.u(1, r.u(1, "rest"));
        }
        byte[] body = Rbsp.escape(w.toByteArray());
        byte[] nal = Arrays.copyOf(first, 2 + body.length);
        System.arraycopy(body, 0, nal, 2, body.length);
        return nal;
    }
}
