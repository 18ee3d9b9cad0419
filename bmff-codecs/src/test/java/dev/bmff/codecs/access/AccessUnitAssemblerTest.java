package dev.bmff.codecs.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The assembler against ffmpeg: its MP4 muxer, given the same Annex B stream with {@code -c copy}, splits it
 * into access units with its own parser and keeps every NAL unit (parameter sets and delimiters included,
 * even for avc1/hvc1), so IN_BAND output must equal its samples byte for byte.
 */
class AccessUnitAssemblerTest {

    static List<AccessUnit> assemble(AccessUnitAssembler asm, byte[] stream, int[] chunkSizes) throws Exception {
        List<AccessUnit> out = new ArrayList<>();
        int pos = 0;
        int k = 0;
        while (pos < stream.length) {
            int n = Math.min(stream.length - pos, chunkSizes[k++ % chunkSizes.length]);
            out.addAll(asm.push(stream, pos, n));
            pos += n;
        }
        out.addAll(asm.finish());
        return out;
    }

    static void assertSameAsMp4(List<AccessUnit> units, Mp4Track mp4, int from) throws BitstreamException {
        assertEquals(mp4.samples().size() - from, units.size(), "access units");
        for (int i = 0; i < units.size(); i++) {
            assertArrayEquals(trimmed(mp4.samples().get(from + i)), units.get(i).sample().toArray(),
                    "sample " + (from + i));
            assertEquals(mp4.sync().get(from + i), units.get(i).keyframe(), "sync " + (from + i));
        }
    }

    /**
     * The one accepted difference: before a 4-byte start code, ffmpeg's HEVC path leaves the zero_byte at the
     * end of the previous NAL unit in its sample, although a NAL unit never ends in 0x00 (H.265 7.4.2); we
     * leave it out, so ffmpeg's units are compared without trailing zero bytes.
     */
    static byte[] trimmed(byte[] sample) throws BitstreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (NalRange r : NalUnits.splitLengthPrefixed(sample, 4)) {
            int end = r.end();
            while (end > r.offset() && sample[end - 1] == 0) {
                end--;
            }
            int n = end - r.offset();
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(sample, r.offset(), n);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void inBand_wholeStream_equalsFfmpegSamplesAndSync(AnnexBMedia media) throws Exception {
        AccessUnitAssembler asm = media.assembler(ParameterSetPlacement.IN_BAND);
        List<AccessUnit> units = assemble(asm, Files.readAllBytes(media.stream()), new int[] {Integer.MAX_VALUE});
        assertSameAsMp4(units, Mp4Track.open(media.mp4()), 0);
        assertEquals(0, asm.droppedAccessUnits());
        assertTrue(units.get(0).parameterSets());
    }

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void configuration_equalsFfmpegRecord(AnnexBMedia media) throws Exception {
        AccessUnitAssembler asm = media.assembler(ParameterSetPlacement.IN_BAND);
        assemble(asm, Files.readAllBytes(media.stream()), new int[] {4096});
        byte[] theirs = Mp4Track.open(media.mp4()).config();
        if (media.hevc()) {
            assertHvcCEquivalent(HevcConfiguration.parse(theirs), asm.hevcConfiguration().orElseThrow());
        } else {
            AvcConfiguration ours = asm.avcConfiguration().orElseThrow();
            assertEquals(AvcConfiguration.parse(theirs), ours);
            assertArrayEquals(theirs, ours.toBytes(), "avcC byte for byte");
        }
    }

    /**
     * Field by field. Accepted differences: ffmpeg may add SEI arrays (our record carries parameter sets only,
     * SEI stays in the samples), and it derives parallelismType from the PPS while we write 0 (unknown); with
     * min_spatial_segmentation_idc 0, as here, it writes 0 too.
     */
    static void assertHvcCEquivalent(HevcConfiguration theirs, HevcConfiguration ours) {
        assertEquals(theirs.profileSpace(), ours.profileSpace());
        assertEquals(theirs.tier(), ours.tier());
        assertEquals(theirs.profileIdc(), ours.profileIdc());
        assertEquals(theirs.compatibilityFlags(), ours.compatibilityFlags());
        assertEquals(theirs.constraintIndicatorFlags(), ours.constraintIndicatorFlags());
        assertEquals(theirs.levelIdc(), ours.levelIdc());
        assertEquals(theirs.minSpatialSegmentationIdc(), ours.minSpatialSegmentationIdc());
        assertEquals(theirs.parallelismType(), ours.parallelismType());
        assertEquals(theirs.chromaFormatIdc(), ours.chromaFormatIdc());
        assertEquals(theirs.bitDepthLumaMinus8(), ours.bitDepthLumaMinus8());
        assertEquals(theirs.bitDepthChromaMinus8(), ours.bitDepthChromaMinus8());
        assertEquals(theirs.numTemporalLayers(), ours.numTemporalLayers());
        assertEquals(theirs.temporalIdNested(), ours.temporalIdNested());
        assertEquals(theirs.lengthSizeMinusOne(), ours.lengthSizeMinusOne());
        for (int type : new int[] {NalHeader.VPS_NUT, NalHeader.SPS_NUT, NalHeader.PPS_NUT}) {
            assertEquals(theirs.nalUnits(type), ours.nalUnits(type), NalHeader.typeName(type));
        }
    }

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void outOfBand_samplesAreFfmpegSamplesWithoutParameterSetsAndDelimiters(AnnexBMedia media) throws Exception {
        AccessUnitAssembler asm = media.assembler(ParameterSetPlacement.OUT_OF_BAND);
        List<AccessUnit> units = assemble(asm, Files.readAllBytes(media.stream()), new int[] {1000, 7, 65536});
        Mp4Track mp4 = Mp4Track.open(media.mp4());
        assertEquals(mp4.samples().size(), units.size());
        for (int i = 0; i < units.size(); i++) {
            assertArrayEquals(withoutParameterSets(trimmed(mp4.samples().get(i)), media.hevc()),
                    units.get(i).sample().toArray(),
                    "sample " + i);
        }
    }

    static byte[] withoutParameterSets(byte[] sample, boolean hevc) throws BitstreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (NalRange r : NalUnits.splitLengthPrefixed(sample, 4)) {
            int type = hevc ? (sample[r.offset()] >>> 1) & 0x3F : sample[r.offset()] & 0x1F;
            boolean drop = hevc ? type >= 32 && type <= 35 : type == 7 || type == 8 || type == 9;
            if (!drop) {
                out.write(sample, r.offset() - 4, r.length() + 4);
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void midGopStart_dropsUnitsBeforeFirstKeyframeAndCountsThem(AnnexBMedia media) throws Exception {
        Mp4Track mp4 = Mp4Track.open(media.mp4());
        int secondKey = mp4.sync().subList(1, mp4.sync().size()).indexOf(true) + 1;
        int from = secondKey - 5;
        // A cut in the middle of a NAL unit (non-zero bytes before the first start code), then whole units.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(new byte[] {0x12, 0x34, 0x00, 0x56});
        for (int i = from; i < mp4.samples().size(); i++) {
            stream.writeBytes(NalUnits.lengthPrefixedToAnnexB(mp4.samples().get(i), 4));
        }
        AccessUnitAssembler asm = media.assembler(ParameterSetPlacement.IN_BAND);
        List<AccessUnit> units = assemble(asm, stream.toByteArray(), new int[] {333});
        assertEquals(5, asm.droppedAccessUnits());
        assertEquals(3, asm.skippedBytes());
        assertSameAsMp4(units, mp4, secondKey);
    }

    @Test
    void nalUnitBeyondBound_isBitstreamException() {
        AccessUnitAssembler asm = AccessUnitAssembler.of(false, ParameterSetPlacement.IN_BAND, 1000);
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 0x55);
        big[0] = 0;
        big[1] = 0;
        big[2] = 1;
        assertThrows(BitstreamException.class, () -> asm.push(big));
    }

    @Test
    void noStartCode_givesNothingAndCountsSkippedBytes() throws Exception {
        AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.IN_BAND);
        assertTrue(asm.push(new byte[] {5, 6, 7, 0, 0}).isEmpty());
        assertTrue(asm.finish().isEmpty());
        assertEquals(3, asm.skippedBytes());
        assertTrue(asm.avcConfiguration().isEmpty());
    }
}
