package dev.bmff.core.box;

/** A box whose payload starts with a one-byte version and 24 bits of flags (ISO/IEC 14496-12, 4.2). */
public sealed interface FullBox extends Box permits MovieHeaderBox, TrackHeaderBox, EditListBox, MediaHeaderBox,
        HandlerBox, VideoMediaHeaderBox, SoundMediaHeaderBox, NullMediaHeaderBox, DataReferenceBox,
        SampleDescriptionBox, TimeToSampleBox, CompositionOffsetBox, CompositionToDecodeBox, SyncSampleBox,
        SampleDependencyTypeBox, SampleToChunkBox, SampleSizeBox, CompactSampleSizeBox, ChunkOffsetBox,
        ChunkLargeOffsetBox, MovieExtendsHeaderBox, TrackExtendsBox, MovieFragmentHeaderBox,
        TrackFragmentHeaderBox, TrackFragmentDecodeTimeBox, TrackRunBox, SegmentIndexBox,
        TrackFragmentRandomAccessBox, MovieFragmentRandomAccessOffsetBox {
    int version();

    int flags();
}
