package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** HDR10 SEI messages read from a sample and carried into the entry's mdcv and clli, byte for byte. */
class HdrMetadataTest {
    private static final byte[] MASTERING = {
        0x33, (byte) 0xC2, (byte) 0x86, (byte) 0xC4, 0x1D, 0x4C, 0x0B, (byte) 0xB8, (byte) 0x84, (byte) 0xD0,
        0x3E, (byte) 0x80, 0x3D, 0x13, 0x40, 0x42, 0x00, (byte) 0x98, (byte) 0x96, (byte) 0x80, 0, 0, 0, 1};
    private static final byte[] LIGHT = {0x03, (byte) 0xE8, 0x01, (byte) 0x90};

    /** An HEVC prefix SEI NAL unit with both messages, length-prefixed, then a slice-like unit. */
    static byte[] sample(boolean hevc) {
        ByteArrayOutputStream sei = new ByteArrayOutputStream();
        sei.writeBytes(hevc ? new byte[] {0x4E, 0x01} : new byte[] {0x06});
        sei.write(137);
        sei.write(24);
        sei.writeBytes(MASTERING);
        sei.write(144);
        sei.write(4);
        sei.writeBytes(LIGHT);
        sei.write(0x80);
        byte[] nal = sei.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, (byte) nal.length});
        out.writeBytes(nal);
        out.writeBytes(new byte[] {0, 0, 0, 3, hevc ? (byte) 0x26 : 0x65, 1, 2});
        return out.toByteArray();
    }

    @Test
    void bothMessages_fromHevcAndH264Sei() throws BitstreamException {
        for (boolean hevc : new boolean[] {true, false}) {
            HdrMetadata m = HdrMetadata.of(Bytes.of(sample(hevc)), 4, hevc);
            assertArrayEquals(MASTERING, m.masteringDisplay().toArray());
            assertArrayEquals(LIGHT, m.contentLightLevel().toArray());
        }
    }

    @Test
    void withHdr_putsMdcvAndClliAfterColr_once() {
        VisualSampleEntry entry = VisualSampleEntry.of(VideoSampleEntries.HVC1, 320, 240, List.of(
                RawBox.of(VideoSampleEntries.HVCC, new byte[] {1}), RawBox.of(VideoBoxes.COLR, new byte[11]),
                RawBox.of(VideoBoxes.PASP, new byte[8])));
        HdrMetadata m = new HdrMetadata(Bytes.of(MASTERING), Bytes.of(LIGHT));
        VisualSampleEntry hdr = VideoSampleEntries.withHdr(VideoSampleEntries.withHdr(entry, m), m);
        assertEquals(List.of("hvcC", "colr", "mdcv", "clli", "pasp"), hdr.children().stream()
                .map(b -> b.type().toString()).toList());
        Box mdcv = hdr.children().get(2);
        assertEquals(Bytes.of(MASTERING), ((RawBox) mdcv).payload());
        assertEquals(entry, VideoSampleEntries.withHdr(entry, HdrMetadata.NONE));
    }

    @Test
    void noSei_isEmpty_andAnOverrunIsABitstreamException() throws BitstreamException {
        HdrMetadata none = HdrMetadata.of(Bytes.of(new byte[] {0, 0, 0, 3, 0x26, 1, 2}), 4, true);
        assertTrue(none.isEmpty());
        assertNull(none.masteringDisplay());
        byte[] s = sample(true);
        s[7] = 100; // the first message claims 100 bytes
        assertThrows(BitstreamException.class, () -> HdrMetadata.of(Bytes.of(s), 4, true));
    }

    @Property(tries = 500)
    void arbitrarySamples_giveMetadataOrABitstreamException(@ForAll @Size(max = 64) byte[] data,
            @ForAll boolean hevc) {
        try {
            HdrMetadata.of(Bytes.of(data), 4, hevc);
        } catch (BitstreamException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 500)
    void mutatedSei_givesMetadataOrABitstreamException(@ForAll int at, @ForAll byte value, @ForAll boolean hevc) {
        byte[] s = sample(hevc);
        s[Math.floorMod(at, s.length)] = value;
        try {
            HdrMetadata.of(Bytes.of(s), 4, hevc);
        } catch (BitstreamException expected) {
            // the only failure allowed
        }
    }
}
