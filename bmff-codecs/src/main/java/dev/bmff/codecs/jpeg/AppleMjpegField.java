package dev.bmff.codecs.jpeg;

/**
 * The {@code mjpg} APP1 segment of Apple's Motion-JPEG format A ({@code mjpa}): where the field's parts are and
 * where the next field starts. Offsets count from the field's SOI marker; 0 means absent.
 *
 * <pre>{@code
 * JpegImage field = JpegImage.scan(sample, 0, sample.length, sample.length);
 * field.appleField().ifPresent(f -> System.out.println("next field at " + f.nextFieldOffset()));
 * }</pre>
 *
 * @param fieldSize bytes of this field's data, up to its EOI
 * @param paddedFieldSize bytes including padding
 * @param nextFieldOffset offset of the second field's SOI (0 for the last field)
 * @param quantTableOffset offset of the DQT segment
 * @param huffmanTableOffset offset of the DHT segment
 * @param frameHeaderOffset offset of the SOF segment
 * @param scanHeaderOffset offset of the SOS segment
 * @param dataOffset offset of the entropy-coded data
 */
public record AppleMjpegField(long fieldSize, long paddedFieldSize, long nextFieldOffset, long quantTableOffset,
        long huffmanTableOffset, long frameHeaderOffset, long scanHeaderOffset, long dataOffset) {
    /** The segment's bytes after its length field: 4 reserved bytes, the tag {@code mjpg}, then 8 x u32. */
    static final int BODY_LENGTH = 40;

    /** Reads the fields at {@code offset} (after the tag); at least 32 bytes must be there. */
    static AppleMjpegField read(byte[] d, int offset) {
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            int p = offset + 4 * i;
            v[i] = ((d[p] & 0xFFL) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
        }
        return new AppleMjpegField(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
