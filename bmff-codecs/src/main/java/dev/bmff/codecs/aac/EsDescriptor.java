package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * The ES_Descriptor inside an {@code esds} box (ISO/IEC 14496-1, 7.2.6.5, with the MP4 restrictions of
 * ISO/IEC 14496-14, 3.1.2): the stream's object type, bit rates and its DecoderSpecificInfo (for AAC, the
 * {@link AudioSpecificConfig}). {@link #toEsdsPayload()} writes the whole esds payload back; the
 * descriptor size fields keep the width they were read with (ffmpeg writes 4 bytes, others 1).
 *
 * <pre>{@code
 * EsDescriptor es = EsDescriptor.parseEsds(esdsRawBox.payload());
 * AudioSpecificConfig asc = AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray());
 * EsDescriptor built = EsDescriptor.forAudio(1, asc, 128000, 128000);
 * }</pre>
 *
 * @param esId ES_ID
 * @param streamPriority 0..31
 * @param dependsOnEsId ES id this stream depends on, or -1
 * @param url the URL string bytes, or {@code null}
 * @param ocrEsId OCR_ES_Id, or -1
 * @param objectTypeIndication 0x40 for MPEG-4 audio (AAC), 0x67 MPEG-2 AAC LC, 0x6B MP3...
 * @param streamType 5 for audio, 4 for video
 * @param upStream the upStream bit
 * @param bufferSizeDb decoder buffer size in bytes
 * @param maxBitrate bits per second
 * @param avgBitrate bits per second (0 for variable)
 * @param decoderSpecificInfo the DecoderSpecificInfo payload, or {@code null} if absent
 * @param slConfigPredefined SLConfigDescriptor predefined value (2 in MP4 files)
 * @param sizeFieldLength bytes used by every descriptor's size field (1 to 4)
 */
public record EsDescriptor(int esId, int streamPriority, int dependsOnEsId, Bytes url, int ocrEsId,
        int objectTypeIndication, int streamType, boolean upStream, long bufferSizeDb, long maxBitrate,
        long avgBitrate, Bytes decoderSpecificInfo, int slConfigPredefined, int sizeFieldLength) {

    private static final int ES_DESCR = 3;
    private static final int DECODER_CONFIG = 4;
    private static final int DEC_SPECIFIC_INFO = 5;
    private static final int SL_CONFIG = 6;

    public EsDescriptor {
        if (sizeFieldLength < 1 || sizeFieldLength > 4) {
            throw new IllegalArgumentException("descriptor size fields are 1 to 4 bytes: " + sizeFieldLength);
        }
    }

    /** An MPEG-4 audio descriptor as ffmpeg writes it (4-byte sizes, SL predefined 2). */
    public static EsDescriptor forAudio(int esId, AudioSpecificConfig asc, long maxBitrate, long avgBitrate) {
        return new EsDescriptor(esId, 0, -1, null, -1, 0x40, 5, false, 0, maxBitrate, avgBitrate, asc.bytes(), 2, 4);
    }

    /** Parses an {@code esds} box payload: version, flags, then the ES_Descriptor. */
    public static EsDescriptor parseEsds(Bytes esdsPayload) throws BitstreamException {
        byte[] b = esdsPayload.toArray();
        if (b.length < 4) {
            throw BitstreamException.atByte(Kind.TRUNCATED, 0, "version/flags: esds payload of " + b.length
                    + " bytes");
        }
        if (b[0] != 0) {
            throw BitstreamException.atByte(Kind.UNSUPPORTED, 0, "version: esds version " + (b[0] & 0xFF));
        }
        return parse(b, 4, b.length, 0);
    }

    /**
     * Parses an ES_Descriptor (tag 3) at {@code pos}, within {@code end}; the offsets of its exceptions count
     * from {@code pos}.
     */
    public static EsDescriptor parse(byte[] b, int pos, int end) throws BitstreamException {
        return parse(b, pos, end, pos);
    }

    private static EsDescriptor parse(byte[] b, int pos, int end, int origin) throws BitstreamException {
        Cursor c = new Cursor(b, pos, end, origin);
        int esEnd = c.descriptor(ES_DESCR, "ES_Descriptor");
        int sizeWidth = c.lastSizeWidth;
        int esId = c.u16("ES_ID");
        int flags = c.u8("streamDependenceFlag/URL_Flag/OCRstreamFlag");
        int dependsOn = (flags & 0x80) != 0 ? c.u16("dependsOn_ES_ID") : -1;
        Bytes url = null;
        if ((flags & 0x40) != 0) {
            int n = c.u8("URLlength");
            url = Bytes.of(c.bytes(n, "URLstring"));
        }
        int ocr = (flags & 0x20) != 0 ? c.u16("OCR_ES_Id") : -1;
        int dcEnd = c.descriptor(DECODER_CONFIG, "DecoderConfigDescriptor");
        int oti = c.u8("objectTypeIndication");
        int st = c.u8("streamType");
        long buffer = ((long) c.u8("bufferSizeDB") << 16) | c.u16("bufferSizeDB");
        long max = c.u32("maxBitrate");
        long avg = c.u32("avgBitrate");
        Bytes dsi = null;
        if (c.pos < dcEnd && (b[c.pos] & 0xFF) == DEC_SPECIFIC_INFO) {
            int dsiEnd = c.descriptor(DEC_SPECIFIC_INFO, "DecoderSpecificInfo");
            dsi = Bytes.of(c.bytes(dsiEnd - c.pos, "DecoderSpecificInfo"));
        }
        c.pos = dcEnd;
        int sl = 2;
        if (c.pos < esEnd && (b[c.pos] & 0xFF) == SL_CONFIG) {
            int slEnd = c.descriptor(SL_CONFIG, "SLConfigDescriptor");
            sl = c.u8("predefined");
            c.pos = slEnd;
        }
        return new EsDescriptor(esId, flags & 0x1F, dependsOn, url, ocr, oti, st >>> 2, (st & 2) != 0, buffer, max,
                avg, dsi, sl, sizeWidth);
    }

    /** The esds box payload: version 0, flags 0, this descriptor. */
    public Bytes toEsdsPayload() {
        ByteArrayOutputStream dc = new ByteArrayOutputStream();
        dc.write(objectTypeIndication);
        dc.write((streamType << 2) | (upStream ? 2 : 0) | 1);
        writeN(dc, bufferSizeDb, 3);
        writeN(dc, maxBitrate, 4);
        writeN(dc, avgBitrate, 4);
        if (decoderSpecificInfo != null) {
            descriptor(dc, DEC_SPECIFIC_INFO, decoderSpecificInfo.toArray());
        }
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        writeN(es, esId, 2);
        int flags = (dependsOnEsId >= 0 ? 0x80 : 0) | (url != null ? 0x40 : 0) | (ocrEsId >= 0 ? 0x20 : 0)
                | (streamPriority & 0x1F);
        es.write(flags);
        if (dependsOnEsId >= 0) {
            writeN(es, dependsOnEsId, 2);
        }
        if (url != null) {
            es.write(url.size());
            es.writeBytes(url.toArray());
        }
        if (ocrEsId >= 0) {
            writeN(es, ocrEsId, 2);
        }
        descriptor(es, DECODER_CONFIG, dc.toByteArray());
        descriptor(es, SL_CONFIG, new byte[] {(byte) slConfigPredefined});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        descriptor(out, ES_DESCR, es.toByteArray());
        return Bytes.of(out.toByteArray());
    }

    private void descriptor(ByteArrayOutputStream out, int tag, byte[] body) {
        out.write(tag);
        int width = Math.max(sizeFieldLength, minimalWidth(body.length));
        for (int i = width - 1; i >= 0; i--) {
            int sevenBits = (body.length >>> (7 * i)) & 0x7F;
            out.write(i > 0 ? sevenBits | 0x80 : sevenBits);
        }
        out.writeBytes(body);
    }

    private static int minimalWidth(int length) {
        int w = 1;
        while (length >= (1 << (7 * w)) && w < 4) {
            w++;
        }
        return w;
    }

    private static void writeN(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    /** Reads descriptor headers and fields, checking every length against the bytes present. */
    private static final class Cursor {
        final byte[] b;
        final int end;
        /** The index of b that offset 0 of the exceptions is. */
        final int origin;
        int pos;
        int lastSizeWidth;

        Cursor(byte[] b, int pos, int end, int origin) {
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.origin = origin;
        }

        BitstreamException error(BitstreamException.Kind kind, int at, String message) {
            return BitstreamException.atByte(kind, at - origin, message);
        }

        /** Reads a descriptor header with {@code tag}; returns the end of its body. */
        int descriptor(int tag, String what) throws BitstreamException {
            int t = u8(what + " tag");
            if (t != tag) {
                throw error(Kind.WRONG_TYPE, pos - 1, what + ": expected tag " + tag + ", found " + t);
            }
            int size = 0;
            int width = 0;
            int x;
            do {
                x = u8(what + " size");
                size = (size << 7) | (x & 0x7F);
                width++;
            } while ((x & 0x80) != 0 && width < 4);
            lastSizeWidth = width;
            if (size > end - pos) {
                throw error(Kind.TRUNCATED, pos, what + ": size " + size + " bytes, only " + (end - pos) + " left");
            }
            return pos + size;
        }

        int u8(String what) throws BitstreamException {
            if (pos >= end) {
                throw error(Kind.TRUNCATED, pos, what + ": the descriptor ends");
            }
            return b[pos++] & 0xFF;
        }

        int u16(String what) throws BitstreamException {
            return (u8(what) << 8) | u8(what);
        }

        long u32(String what) throws BitstreamException {
            return ((long) u16(what) << 16) | u16(what);
        }

        byte[] bytes(int n, String what) throws BitstreamException {
            if (n < 0 || n > end - pos) {
                throw error(Kind.TRUNCATED, pos, what + ": " + n + " bytes needed, " + (end - pos) + " left");
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }
    }
}
