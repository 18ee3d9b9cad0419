package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** {@code stsc}: runs of chunks with the same number of samples and sample description (1-based numbers). */
public record SampleToChunkBox(int version, int flags, LongArray firstChunks, LongArray samplesPerChunk,
        LongArray sampleDescriptionIndexes) implements FullBox {
    public SampleToChunkBox {
        Fields.version(version, 255);
        Fields.flags(flags);
        Fields.sameSize("stsc", firstChunks, samplesPerChunk);
        Fields.sameSize("stsc", firstChunks, sampleDescriptionIndexes);
        Fields.allU32("first_chunk", firstChunks);
        Fields.allU32("samples_per_chunk", samplesPerChunk);
        Fields.allU32("sample_description_index", sampleDescriptionIndexes);
    }

    public int entryCount() {
        return firstChunks.size();
    }

    @Override
    public FourCC type() {
        return BoxTypes.STSC;
    }
}
