package dev.bmff.codecs.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.aac.AdtsHeader;
import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.aac.RawDataBlockParser;
import dev.bmff.codecs.access.AccessUnitAssembler;
import dev.bmff.codecs.access.ParameterSetPlacement;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.h264.Pps;
import dev.bmff.codecs.h264.SliceHeader;
import dev.bmff.codecs.h264.Sps;
import dev.bmff.codecs.nal.NalUnits;
import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every kind of {@link BitstreamException} where the parsers produce it, with the bit it is at. */
class BitstreamExceptionTest {
    /** An H.264 NAL unit: the header byte, then the escaped RBSP of {@code w} with its trailing bits. */
    static byte[] nal(int header, BitWriter w) {
        byte[] rbsp = Rbsp.escape(w.trailingBits().toByteArray());
        byte[] out = new byte[rbsp.length + 1];
        out[0] = (byte) header;
        System.arraycopy(rbsp, 0, out, 1, rbsp.length);
        return out;
    }

    /** Baseline, level 3, 320x240 (20x15 macroblocks), POC type 2, no VUI. */
    static BitWriter baselineSps(int profile, int constraints, int level, int id) {
        return new BitWriter().u(8, profile).u(8, constraints).u(8, level).ue(id).ue(0).ue(2).ue(1).flag(false)
                .ue(19).ue(14).flag(true).flag(true).flag(false).flag(false);
    }

    static BitstreamException thrown(Kind kind, long bitOffset, Executable parse) {
        BitstreamException e = assertThrows(BitstreamException.class, parse);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(bitOffset, e.bitOffset(), e.getMessage());
        return e;
    }

    @Test
    void cutSps_isTruncated_atTheFirstElementThatDoesNotFit() {
        byte[] sps = nal(0x67, baselineSps(66, 0, 30, 0));
        // header, profile_idc and constraint flags: level_idc (bits 24..31) is the first read past the end.
        BitstreamException e = thrown(Kind.TRUNCATED, 24, () -> Sps.parse(Arrays.copyOf(sps, 3)));
        assertTrue(e.getMessage().startsWith("level_idc: "), e.getMessage());
        assertEquals(3, e.byteOffset());
        assertTrue(e.getMessage().endsWith("(at bit 24)"), e.getMessage());
    }

    @Test
    void cutSps_anywhere_isTruncated_beforeTheCut() throws Exception {
        byte[] sps = nal(0x67, baselineSps(66, 0, 40, 3));
        Sps.parse(sps);
        for (int k = 1; k < sps.length; k++) {
            byte[] cut = Arrays.copyOf(sps, k);
            BitstreamException e = assertThrows(BitstreamException.class, () -> Sps.parse(cut), "cut at " + k);
            assertEquals(Kind.TRUNCATED, e.kind(), e.getMessage());
            assertTrue(e.bitOffset() >= 8 && e.bitOffset() <= 8L * k, "cut at " + k + ": " + e.getMessage());
        }
    }

    @Test
    void offsets_countTheNalHeader_andEmulationPreventionBytes() {
        // profile 0, constraints 0, level 1: the NAL reads 67 00 00 03 01, then seq_parameter_set_id 40.
        byte[] sps = nal(0x67, baselineSps(0, 0, 1, 40));
        assertEquals(3, sps[3]);
        BitstreamException e = thrown(Kind.OUT_OF_RANGE, 40, () -> Sps.parse(sps));
        assertTrue(e.getMessage().startsWith("seq_parameter_set_id: 40 outside 0..31"), e.getMessage());
        BitReader r = Rbsp.reader(sps, 1, sps.length - 1);
        assertEquals(8, r.sourceBitOffset(0));
        assertEquals(16, r.sourceBitOffset(8));
        // RBSP byte 2 (level_idc) follows the emulation prevention byte at NAL byte 3.
        assertEquals(32, r.sourceBitOffset(16));
        assertEquals(40, r.sourceBitOffset(24));
    }

    @Test
    void reservedValues() {
        // pps_id 0, sps_id 0, CAVLC, no bottom POC, 1 slice group, 1+1 refs, no weighted_pred, bipred idc 3
        BitWriter pps = new BitWriter().ue(0).ue(0).flag(false).flag(false).ue(0).ue(0).ue(0).flag(false).u(2, 3);
        thrown(Kind.RESERVED, 8 + 8, () -> Pps.parse(nal(0x68, pps), Map.of()));
        // ADTS: sampling_frequency_index 13 at bit 18 of the header
        byte[] adts = {(byte) 0xFF, (byte) 0xF1, (byte) (1 << 6 | 13 << 2), 0, 0, 0, 0, 0};
        thrown(Kind.RESERVED, 18, () -> AdtsHeader.parse(adts, 0));
        thrown(Kind.RESERVED, 18, () -> AdtsHeader.parse(concat(new byte[5], adts), 5));
        // AudioSpecificConfig: samplingFrequencyIndex 13, after the 5-bit audioObjectType
        thrown(Kind.RESERVED, 5, () -> AudioSpecificConfig.parse(new BitWriter().u(5, 2).u(4, 13).u(4, 2)
                .u(3, 0).toByteArray()));
    }

    @Test
    void missingParameterSets() throws Exception {
        // IDR slice: first_mb_in_slice 0 (1 bit), slice_type 7 (7 bits), then pic_parameter_set_id at RBSP bit 8
        byte[] slice = nal(0x65, new BitWriter().ue(0).ue(7).ue(0).ue(0).ue(0));
        BitstreamException e = thrown(Kind.MISSING, 8 + 8, () -> SliceHeader.parse(slice, Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("pic_parameter_set_id: "), e.getMessage());
        // The PPS is known, its SPS is not.
        Pps pps = Pps.parse(nal(0x68, new BitWriter().ue(0).ue(5).flag(false).flag(false).ue(0).ue(0).ue(0)
                .flag(false).u(2, 0).se(0).se(0).se(0).flag(true).flag(false).flag(false)), Map.of());
        thrown(Kind.MISSING, 8 + 8, () -> SliceHeader.parse(slice, Map.of(), Map.of(0, pps)));
    }

    @Test
    void wrongTypes() {
        byte[] pps = nal(0x68, new BitWriter().ue(0));
        BitstreamException e = thrown(Kind.WRONG_TYPE, 3, () -> Sps.parse(pps));
        assertTrue(e.getMessage().startsWith("nal_unit_type: 8"), e.getMessage());
        thrown(Kind.WRONG_TYPE, 0, () -> AdtsHeader.parse(new byte[9], 0));
        thrown(Kind.WRONG_TYPE, 0, () -> NalUnits.splitAnnexB(new byte[] {1, 2, 3, 4}));
        // esds: version/flags, then tag 4 where the ES_Descriptor's tag 3 belongs (byte 4 of the payload)
        thrown(Kind.WRONG_TYPE, 32, () -> EsDescriptor.parseEsds(Bytes.of(new byte[] {0, 0, 0, 0, 4, 0})));
    }

    @Test
    void unsupported() {
        // 960-sample AAC LC frames, and AAC Main
        thrown(Kind.UNSUPPORTED, -1, () -> RawDataBlockParser.of(AudioSpecificConfig.parse(
                new BitWriter().u(5, 2).u(4, 4).u(4, 2).u(1, 1).u(1, 0).u(1, 0).toByteArray())));
        thrown(Kind.UNSUPPORTED, -1, () -> RawDataBlockParser.of(AudioSpecificConfig.parse(
                new BitWriter().u(5, 1).u(4, 4).u(4, 2).u(1, 0).u(1, 0).u(1, 0).toByteArray())));
        thrown(Kind.UNSUPPORTED, 0, () -> AvcConfiguration.parse(new byte[] {2, 66, 0, 30, -1, -32, 0}));
    }

    @Test
    void invalidCombinations() {
        // A crop of 10 units on a 16-pixel-wide picture (at RBSP bit 20, after frame_cropping_flag).
        BitWriter w = new BitWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1).flag(false).ue(0).ue(0)
                .flag(true).flag(true).flag(true);
        long cropAt = 8 + w.bitLength();
        w.ue(0).ue(9).ue(0).ue(0).flag(false);
        BitstreamException e = thrown(Kind.INVALID, cropAt, () -> Sps.parse(nal(0x67, w)));
        assertTrue(e.getMessage().startsWith("frame_crop_left_offset"), e.getMessage());
        // Annex B: a non-zero byte (at 1) before the first start code
        thrown(Kind.INVALID, 8, () -> NalUnits.splitAnnexB(new byte[] {0, 7, 0, 0, 1, 9, 16}));
    }

    @Test
    void tooLarge_aacFrame_isToldApartFromACutOne() {
        RawDataBlockParser mono = RawDataBlockParser.of(4, 1);
        // Fill elements of 270 bytes: longer than the 6144 bits a mono frame may have.
        BitWriter big = new BitWriter();
        for (int i = 0; i < 4; i++) {
            big.u(3, 6).u(4, 15).u(8, 255);
            for (int k = 0; k < 269; k++) {
                big.u(8, 0);
            }
        }
        byte[] huge = big.toByteArray();
        BitstreamException e = assertThrows(BitstreamException.class, () -> mono.parse(huge, 0, huge.length));
        assertEquals(Kind.TOO_LARGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("6144"), e.getMessage());
        assertEquals(Kind.TRUNCATED, ((BitstreamException) e.getCause()).kind());
        // Each element: 15 header bits, 269 bytes. The third one's extension_payload (after its 4-bit
        // extension_type) is the read that 6144 bits cut.
        long payloadAt = 2 * (15 + 8 * 269) + 15 + 4;
        assertEquals(payloadAt, e.bitOffset());
        // The same bytes cut before 6144 bits: the end of the data, not the limit.
        BitstreamException cut = assertThrows(BitstreamException.class, () -> mono.parse(huge, 0, 700));
        assertEquals(Kind.TRUNCATED, cut.kind(), cut.getMessage());
        assertEquals(payloadAt, cut.bitOffset());
    }

    @Test
    void assembler_countsOffsetsInTheStream() throws Exception {
        // An AUD, then an SPS whose seq_parameter_set_id (NAL bit 32) is 40: the SPS starts at stream byte 10.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(new byte[] {0, 0, 0, 1, 9, (byte) 0xF0, 0, 0, 0, 1});
        stream.writeBytes(nal(0x67, baselineSps(66, 0, 30, 40)));
        stream.writeBytes(new byte[] {0, 0, 0, 1, 9, (byte) 0xF0});
        AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.OUT_OF_BAND);
        BitstreamException e = thrown(Kind.OUT_OF_RANGE, 8 * 10 + 32, () -> asm.push(stream.toByteArray()));
        assertEquals(32, ((BitstreamException) e.getCause()).bitOffset());
        // A NAL unit longer than the bound, from stream byte 4.
        AccessUnitAssembler small = AccessUnitAssembler.of(false, ParameterSetPlacement.OUT_OF_BAND, 16);
        byte[] longNal = new byte[64];
        Arrays.fill(longNal, (byte) 0x41);
        longNal[3] = 1;
        Arrays.fill(longNal, 0, 3, (byte) 0);
        thrown(Kind.TOO_LARGE, 8 * 4, () -> small.push(longNal));
    }

    @Test
    void lengthFields_thatOverrunTheData_areTruncated() {
        // 2-byte lengths: a unit of 3 bytes, then a length of 9 with 2 bytes left (the unit would start at 7)
        byte[] sample = {0, 3, 9, 9, 9, 0, 9, 1, 2};
        thrown(Kind.TRUNCATED, 8 * 7, () -> NalUnits.splitLengthPrefixed(sample, 2));
        thrown(Kind.TRUNCATED, 8 * 7, () -> NalUnits.splitLengthPrefixed(concat(new byte[3], sample), 3,
                sample.length, 2));
        // avcC cut after its fixed fields: the SPS count byte (5) is missing.
        thrown(Kind.TRUNCATED, 8 * 5, () -> AvcConfiguration.parse(new byte[] {1, 66, 0, 30, -1}));
    }

    @Test
    void shifted_movesTheOffset_andKeepsTheCause() {
        BitstreamException e = new BitstreamException(Kind.INVALID, 12, "x: wrong");
        BitstreamException s = e.shifted(80);
        assertEquals(92, s.bitOffset());
        assertEquals(Kind.INVALID, s.kind());
        assertEquals("x: wrong (at bit 92)", s.getMessage());
        assertSame(e, s.getCause());
        assertEquals(-1, new BitstreamException(Kind.MISSING, -1, "avcC: no SPS").shifted(8).bitOffset());
        assertEquals("avcC: no SPS", new BitstreamException(Kind.MISSING, -1, "avcC: no SPS").getMessage());
        assertEquals(16, BitstreamException.atByte(Kind.TRUNCATED, 2, "y").bitOffset());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
