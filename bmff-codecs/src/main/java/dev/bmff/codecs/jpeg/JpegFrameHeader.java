package dev.bmff.codecs.jpeg;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A JPEG frame header, SOF0 to SOF15 (ITU-T T.81 B.2.2): the coding process, sample precision, picture size and
 * each component's sampling factors and quantisation table.
 *
 * <pre>{@code
 * JpegFrameHeader sof = JpegImage.scan(frame, 0, frame.length, frame.length).frameHeader();
 * System.out.println(sof.width() + "x" + sof.height() + " " + sof.chroma());   // "640x480 4:2:2"
 * }</pre>
 *
 * @param marker the SOF marker's second byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless...)
 * @param precision sample precision in bits (8 or 12; 2 to 16 for lossless)
 * @param height number of lines (0: defined later by a DNL segment)
 * @param width samples per line
 * @param components the frame components in order
 */
public record JpegFrameHeader(int marker, int precision, int height, int width, List<Component> components) {
    /**
     * One frame component.
     *
     * @param id component identifier
     * @param horizontal horizontal sampling factor (1 to 4)
     * @param vertical vertical sampling factor (1 to 4)
     * @param quantTable quantisation table selector (0 to 3)
     */
    public record Component(int id, int horizontal, int vertical, int quantTable) {
    }

    public JpegFrameHeader {
        components = List.copyOf(components);
    }

    /**
     * Parses the segment body after the marker's length field.
     *
     * @param offset where the body starts in {@code data}; error offsets count from {@code origin}
     */
    static JpegFrameHeader parse(int marker, byte[] data, int offset, int length, int origin)
            throws BitstreamException {
        if (length < 6) {
            throw BitstreamException.atByte(Kind.TRUNCATED, offset - origin, "SOF segment of " + length + " bytes");
        }
        int precision = data[offset] & 0xFF;
        int height = ((data[offset + 1] & 0xFF) << 8) | (data[offset + 2] & 0xFF);
        int width = ((data[offset + 3] & 0xFF) << 8) | (data[offset + 4] & 0xFF);
        int count = data[offset + 5] & 0xFF;
        if (precision < 2 || precision > 16) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, offset - origin, "SOF sample precision " + precision);
        }
        if (width == 0 || count == 0 || count > 4) {
            throw BitstreamException.atByte(Kind.OUT_OF_RANGE, offset + 3 - origin, "SOF width " + width + ", "
                    + count + " components");
        }
        if (length != 6 + 3 * count) {
            throw BitstreamException.atByte(Kind.INVALID, offset - origin, "SOF of " + length + " bytes for " + count
                    + " components");
        }
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int p = offset + 6 + 3 * i;
            int h = (data[p + 1] & 0xFF) >>> 4;
            int v = data[p + 1] & 0x0F;
            int tq = data[p + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw BitstreamException.atByte(Kind.OUT_OF_RANGE, p + 1 - origin, "component sampling " + h + "x" + v
                        + ", quantisation table " + tq);
            }
            components.add(new Component(data[p] & 0xFF, h, v, tq));
        }
        return new JpegFrameHeader(marker, precision, height, width, components);
    }

    /**
     * The chroma subsampling as people write it: "4:0:0" for one component, "4:4:4", "4:2:2", "4:2:0", "4:1:1"
     * from the first two components' sampling factors, or "HxV" for other shapes.
     */
    public String chroma() {
        if (components.size() == 1) {
            return "4:0:0";
        }
        Component y = components.get(0);
        Component c = components.get(1);
        if (y.horizontal % c.horizontal != 0 || y.vertical % c.vertical != 0) {
            return y.horizontal + "x" + y.vertical + "," + c.horizontal + "x" + c.vertical;
        }
        int h = y.horizontal / c.horizontal;
        int v = y.vertical / c.vertical;
        if (h == 1 && v == 1) {
            return "4:4:4";
        } else if (h == 2 && v == 1) {
            return "4:2:2";
        } else if (h == 2 && v == 2) {
            return "4:2:0";
        } else if (h == 4 && v == 1) {
            return "4:1:1";
        } else if (h == 1 && v == 2) {
            return "4:4:0";
        }
        return h + "x" + v;
    }

    /** Whether the frame is coded progressively (SOF2, SOF6, SOF10, SOF14). */
    public boolean progressive() {
        return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
    }
}
