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
 * @param type the coding format, e.g. {@code rtmd}, {@code mett}, {@code urim}
 * @param fields everything after data_reference_index, as stored
 * @param children always empty: the format's fields are not parsed into boxes
 */
public record MetadataSampleEntry(FourCC type, int dataReferenceIndex, Bytes fields, List<Box> children)
        implements SampleEntry {
    public MetadataSampleEntry {
        Fields.u16("data_reference_index", dataReferenceIndex);
        if (fields == null) {
            throw new IllegalArgumentException("fields are required (Bytes.EMPTY for none)");
        }
        if (!children.isEmpty()) {
            throw new IllegalArgumentException("a metadata sample entry keeps its fields opaque, it has no children");
        }
        children = List.of();
    }

    /** An entry with data reference 1 and the given fields. */
    public static MetadataSampleEntry of(FourCC type, Bytes fields) {
        return new MetadataSampleEntry(type, 1, fields, List.of());
    }

    /**
     * The entry a reader kept raw: its payload must be in memory and at least 8 bytes (6 reserved zero bytes and the
     * data reference index).
     *
     * @throws IllegalArgumentException when the payload is not a sample entry
     */
    public static MetadataSampleEntry of(RawBox raw) {
        if (!(raw.payload() instanceof Bytes b) || b.size() < 8) {
            throw new IllegalArgumentException(raw.type() + " is not a sample entry: payload shorter than 8 bytes");
        }
        byte[] p = b.toArray();
        for (int i = 0; i < 6; i++) {
            if (p[i] != 0) {
                throw new IllegalArgumentException(raw.type() + " is not a sample entry: reserved bytes are not 0");
            }
        }
        int dri = ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
        return new MetadataSampleEntry(raw.type(), dri, Bytes.of(p, 8, p.length - 8), List.of());
    }
}
