package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/**
 * The sample entry of a track that is neither video nor sound, such as a timed-metadata track (handler
 * {@code meta}, e.g. Sony's {@code rtmd}): the 8 bytes every ISO SampleEntry starts with (6 reserved, then the
 * data reference index), then the format's own fields, kept as opaque bytes. The reader keeps such entries as
 * {@link RawBox}; this model exists so a writer can be given one ({@link #of(RawBox)} turns a read one into it).
 *
 * <pre>{@code
 * RawBox read = (RawBox) track.sampleDescriptions().get(0);          // e.g. type rtmd
 * TrackSpec meta = new TrackSpec(FourCC.of("meta"), 25, MetadataSampleEntry.of(read), "und", null);
 * }</pre>
 *
 * <p>Entries real devices write are carried as they are: Android's MediaMuxer writes {@code mett} with its MIME
 * type where the reserved bytes and the data reference index belong, so {@link #reserved()} keeps whatever the
 * six reserved bytes hold and the entry is written back byte for byte.
 *
 * @param type the coding format, e.g. {@code rtmd}, {@code mett}, {@code urim}
 * @param fields everything after data_reference_index, as stored
 * @param children always empty: the format's fields are not parsed into boxes
 * @param reserved the six bytes before data_reference_index: zero in the standard, written as they are
 */
public record MetadataSampleEntry(FourCC type, int dataReferenceIndex, Bytes fields, List<Box> children,
        Bytes reserved) implements SampleEntry {
    /** The six zero bytes the standard reserves. */
    public static final Bytes ZERO_RESERVED = Bytes.of(new byte[6]);

    public MetadataSampleEntry {
        Fields.u16("data_reference_index", dataReferenceIndex);
        if (fields == null) {
            throw new IllegalArgumentException("fields are required (Bytes.EMPTY for none)");
        }
        if (!children.isEmpty()) {
            throw new IllegalArgumentException("a metadata sample entry keeps its fields opaque, it has no children");
        }
        children = List.of();
        if (reserved == null || reserved.size() != 6) {
            throw new IllegalArgumentException("the reserved field is 6 bytes");
        }
    }

    /** An entry with zero reserved bytes. */
    public MetadataSampleEntry(FourCC type, int dataReferenceIndex, Bytes fields, List<Box> children) {
        this(type, dataReferenceIndex, fields, children, ZERO_RESERVED);
    }

    /** An entry with data reference 1 and the given fields. */
    public static MetadataSampleEntry of(FourCC type, Bytes fields) {
        return new MetadataSampleEntry(type, 1, fields, List.of());
    }

    /**
     * The entry a reader kept raw: its payload must be in memory and at least 8 bytes (the 6 reserved bytes and the
     * data reference index). Reserved bytes that are not zero are kept as they are.
     *
     * @throws IllegalArgumentException when the payload is shorter than a sample entry's header or not in memory
     */
    public static MetadataSampleEntry of(RawBox raw) {
        if (!(raw.payload() instanceof Bytes b) || b.size() < 8) {
            throw new IllegalArgumentException(raw.type() + " is not a sample entry: payload shorter than 8 bytes");
        }
        byte[] p = b.toArray();
        int dri = ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
        return new MetadataSampleEntry(raw.type(), dri, Bytes.of(p, 8, p.length - 8), List.of(), Bytes.of(p, 0, 6));
    }

    /**
     * A track's sample description as a writer takes it: a modelled {@link SampleEntry} as it is, one the reader
     * kept raw (QuickTime {@code tmcd}, GoPro {@code gpmd}, Apple {@code mebx}, Android {@code mett}...) as a
     * metadata entry carrying its bytes. Empty when the description cannot be carried (not in memory, or shorter
     * than a sample entry's 8-byte header).
     */
    public static java.util.Optional<SampleEntry> carrying(Box description) {
        if (description instanceof SampleEntry e) {
            return java.util.Optional.of(e);
        }
        if (description instanceof RawBox raw && raw.payload() instanceof Bytes b && b.size() >= 8) {
            return java.util.Optional.of(of(raw));
        }
        return java.util.Optional.empty();
    }

    /** True when the reserved bytes are zero, as the standard says. */
    public boolean hasStandardReserved() {
        return reserved.isAllZero();
    }
}
