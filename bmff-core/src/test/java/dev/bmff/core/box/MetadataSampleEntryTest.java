package dev.bmff.core.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bmff.core.FourCC;
import dev.bmff.core.io.BoxWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A timed-metadata sample entry written from the model and read back raw, as the reader keeps it. */
class MetadataSampleEntryTest {
    @Test
    void write_thenFromRaw_roundTrips() {
        MetadataSampleEntry e = new MetadataSampleEntry(FourCC.of("rtmd"), 1, Bytes.of(new byte[] {9, 8, 7}),
                List.of());
        byte[] written = BoxWriter.toBytes(e);
        assertArrayEquals(new byte[] {0, 0, 0, 19, 'r', 't', 'm', 'd', 0, 0, 0, 0, 0, 0, 0, 1, 9, 8, 7}, written);
        RawBox raw = RawBox.of(FourCC.of("rtmd"), java.util.Arrays.copyOfRange(written, 8, written.length));
        assertEquals(e, MetadataSampleEntry.of(raw));
    }

    @Test
    void fromRaw_shorterThanAnEntryHeader_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> MetadataSampleEntry.of(RawBox.of(FourCC.of("rtmd"), new byte[] {0, 0, 0})));
    }

    @Test
    void fromRaw_androidMettWithTextInTheReservedBytes_isCarriedByteForByte() {
        // Android's MediaMuxer writes the MIME type where the reserved bytes and the data reference index belong.
        byte[] payload = "application/meta\0application/meta\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MetadataSampleEntry e = MetadataSampleEntry.of(RawBox.of(FourCC.of("mett"), payload));
        assertEquals(false, e.hasStandardReserved());
        byte[] written = BoxWriter.toBytes(e);
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(written, 8, written.length));
    }
}
