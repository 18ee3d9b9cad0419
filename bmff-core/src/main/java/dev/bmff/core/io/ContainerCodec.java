package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.ContainerBox;
import java.util.List;

/**
 * Reads and writes the fields a container box has before its children (none for moov, trak...;
 * version, flags and entry count for stsd and dref; the sample entry fields for sample entries).
 */
interface ContainerCodec<T extends ContainerBox> {
    /** The fields read so far; {@link #build} makes the box once its children are parsed. */
    interface Prefix {
        Box build(List<Box> children);

        /** Number of children the prefix announces, or -1 when it announces none. */
        default long expectedChildren() {
            return -1;
        }
    }

    /** Reads the prefix, or returns {@code null} when the box must be kept raw to round-trip exactly. */
    Prefix read(PayloadReader in, ParseContext ctx) throws BmffFormatException;

    /** Writes the prefix (the children are written by the caller). */
    void writePrefix(T box, PayloadWriter out);
}
