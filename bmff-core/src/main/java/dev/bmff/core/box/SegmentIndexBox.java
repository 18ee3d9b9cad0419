package dev.bmff.core.box;

import dev.bmff.core.FourCC;
import java.util.List;

/** {@code sidx}: the segment index of a fragmented file (version 1: 64-bit times and offset). */
public record SegmentIndexBox(int version, int flags, long referenceId, long timescale,
        long earliestPresentationTime, long firstOffset, int reserved, List<Reference> references)
        implements FullBox {
    /** One reference to a subsegment or another sidx. */
    public record Reference(boolean referencesIndex, long referencedSize, long subsegmentDuration,
            boolean startsWithSap, int sapType, long sapDeltaTime) {
        public Reference {
            if (referencedSize < 0 || referencedSize > 0x7FFF_FFFFL) {
                throw new IllegalArgumentException("referenced_size must fit in 31 bits: " + referencedSize);
            }
            Fields.u32("subsegment_duration", subsegmentDuration);
            if (sapType < 0 || sapType > 7) {
                throw new IllegalArgumentException("SAP_type is 3 bits: " + sapType);
            }
            if (sapDeltaTime < 0 || sapDeltaTime > 0x0FFF_FFFFL) {
                throw new IllegalArgumentException("SAP_delta_time must fit in 28 bits: " + sapDeltaTime);
            }
        }
    }

    public SegmentIndexBox {
        Fields.version(version, 1);
        Fields.flags(flags);
        Fields.u32("reference_ID", referenceId);
        Fields.u32("timescale", timescale);
        Fields.sized("earliest_presentation_time", version, earliestPresentationTime);
        Fields.sized("first_offset", version, firstOffset);
        Fields.u16("reserved", reserved);
        references = List.copyOf(references);
        Fields.u16("reference_count", references.size());
    }

    @Override
    public FourCC type() {
        return BoxTypes.SIDX;
    }
}
