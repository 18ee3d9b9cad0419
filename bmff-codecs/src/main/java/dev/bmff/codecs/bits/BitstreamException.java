package dev.bmff.codecs.bits;

import java.io.IOException;

/**
 * A codec bitstream that cannot be parsed: read past its end, an out-of-range syntax element, or a
 * value this library does not support. Names the syntax element and the bit position.
 */
public class BitstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    public BitstreamException(String message) {
        super(message);
    }
}
