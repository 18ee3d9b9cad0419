package dev.bmff.codecs.ac3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.Crc;
import dev.bmff.codecs.sync.SyncFrameSyntax;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How E-AC-3 frames group into MP4 samples (ETSI TS 102 366 F.7, and as ffmpeg's muxer groups them), on frames built
 * here (ffmpeg's encoder writes neither dependent substreams nor frames of fewer than 6 blocks): an independent frame
 * with its dependent frames is one sample, frames of 2 blocks go three to a sample, and each frame's CRC is checked.
 */
class Ac3SyntaxTest {
    private static final Random RANDOM = new Random(7);

    /** An E-AC-3 frame of {@code words} 16-bit words: header, random payload, the CRC that makes it check. */
    static byte[] eac3(int strmtyp, int substreamid, int words, int numblkscod) {
        BitWriter w = new BitWriter();
        w.u(16, 0x0B77).u(2, strmtyp).u(3, substreamid).u(11, words - 1).u(2, 0).u(2, numblkscod).u(3, 2).u(1, 0)
                .u(5, 16);
        byte[] head = w.toByteArray();
        byte[] frame = new byte[2 * words];
        RANDOM.nextBytes(frame);
        System.arraycopy(head, 0, frame, 0, head.length);
        return withCrc(frame);
    }

    /** {@code frame} with its last two bytes set so the CRC-16 of all after the sync word is 0. */
    static byte[] withCrc(byte[] frame) {
        int crc = Crc.crc16(0, frame, 2, frame.length - 4);
        frame[frame.length - 2] = (byte) (crc >>> 8);
        frame[frame.length - 1] = (byte) crc;
        return frame;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final SyncFrameSyntax EAC3 = Ac3Syntax.eac3(new Eac3Header(0, 0, 99, 0, -1, 3, 2, false, 16));

    @Test
    void independentFrameWithDependentOnes_isOneSample_untilTheNextIndependentFrame() throws Exception {
        byte[] indep = eac3(0, 0, 100, 3);
        byte[] dep1 = eac3(1, 0, 60, 3);
        byte[] dep2 = eac3(1, 1, 40, 3);
        byte[] next = eac3(0, 0, 100, 3);
        byte[] data = concat(indep, dep1, dep2, next);
        assertEquals(400, EAC3.sampleLength(data, 0, data.length));
        assertEquals(200, EAC3.sampleLength(data, 400, data.length - 400));
        assertEquals(SyncFrameSyntax.NOT_A_FRAME, EAC3.sampleLength(data, 200, data.length - 200),
                "a dependent frame starts no sample");
        Eac3Specific dec3 = Eac3Specific.of(List.of(Eac3Header.parse(indep, 0), Eac3Header.parse(dep1, 0),
                Eac3Header.parse(dep2, 0)));
        assertEquals(1, dec3.substreams().size());
        assertEquals(2, dec3.substreams().get(0).numDepSub());
        assertEquals(dec3, Eac3Specific.parse(dec3.toBytes()));
    }

    @Test
    void framesOfTwoBlocks_goThreeToASample() {
        byte[] data = concat(eac3(0, 0, 50, 1), eac3(0, 0, 50, 1), eac3(0, 0, 50, 1), eac3(0, 0, 50, 1));
        assertEquals(300, EAC3.sampleLength(data, 0, data.length));
        assertEquals(100, EAC3.sampleLength(data, 300, 100), "the last frame, cut short of 6 blocks by the end");
    }

    @Test
    void aFlippedBit_failsTheCrc() {
        byte[] frame = eac3(0, 0, 100, 3);
        assertEquals(200, EAC3.sampleLength(frame, 0, frame.length));
        for (int bit = 48; bit < frame.length * 8; bit += 97) {
            byte[] bad = frame.clone();
            bad[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
            assertEquals(SyncFrameSyntax.NOT_A_FRAME, EAC3.sampleLength(bad, 0, bad.length), "bit " + bit);
            assertTrue(EAC3.headerAt(bad, 0, bad.length), "the header is intact");
        }
        assertFalse(EAC3.headerAt(frame, 1, frame.length - 1));
    }

    @Test
    void ac3Frame_lengthFromFrmsizecod_checkedByCrc() throws Exception {
        // 48 kHz, 192 kbit/s (frmsizecod 20): 384 words; bsid 8, acmod 2 (dsurmod follows), no LFE.
        BitWriter w = new BitWriter();
        w.u(16, 0x0B77).u(16, 0).u(2, 0).u(6, 20).u(5, 8).u(3, 0).u(3, 2).u(2, 0).u(1, 0);
        byte[] frame = new byte[768];
        RANDOM.nextBytes(frame);
        byte[] head = w.toByteArray();
        System.arraycopy(head, 0, frame, 0, head.length);
        withCrc(frame);
        Ac3Header h = Ac3Header.parse(frame, 0);
        assertEquals(768, h.frameLength());
        assertEquals(192_000, h.bitrate());
        SyncFrameSyntax ac3 = Ac3Syntax.ac3(h);
        assertEquals(768, ac3.sampleLength(frame, 0, frame.length));
        frame[400] ^= 1;
        assertEquals(SyncFrameSyntax.NOT_A_FRAME, ac3.sampleLength(frame, 0, frame.length));
        assertEquals(Ac3Specific.of(h), Ac3Specific.parse(Ac3Specific.of(h).toBytes()));
    }
}
