package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;

/**
 * Reads and writes the payload of one kind of leaf box. For full boxes the version and flags have been
 * read already and are passed in; the writer writes them itself.
 */
interface LeafCodec<T extends Box> {
    /**
     * Parses the payload, or returns {@code null} when the bytes are valid but would not be written back
     * identically from the model (non-zero reserved fields, trailing padding): the box is then kept raw.
     */
    T read(PayloadReader in, int version, int flags, ParseContext ctx) throws BmffFormatException;

    /** Writes the whole payload, including version and flags of a full box. */
    void write(T box, PayloadWriter out);
}
