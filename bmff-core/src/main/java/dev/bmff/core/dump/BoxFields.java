package dev.bmff.core.dump;

import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.ChunkOffsetBox;
import dev.bmff.core.box.CompactSampleSizeBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.CompositionToDecodeBox;
import dev.bmff.core.box.DataReferenceBox;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.box.FullBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MovieExtendsHeaderBox;
import dev.bmff.core.box.MovieFragmentHeaderBox;
import dev.bmff.core.box.MovieFragmentRandomAccessOffsetBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleDependencyTypeBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SegmentIndexBox;
import dev.bmff.core.box.SoundMediaHeaderBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackFragmentRandomAccessBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.box.TrackRunBox;
import dev.bmff.core.box.TrailingBytes;
import dev.bmff.core.box.VisualSampleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key fields of a box, in a stable order, for dumps and inspection tools. Long tables are
 * summarized by their entry count and first values.
 *
 * <pre>{@code
 * Map<String, Object> f = BoxFields.of(mdhd); // {version=0, timescale=12800, duration=25600, language=und}
 * }</pre>
 */
public final class BoxFields {
    /** How many table values a summary shows. */
    public static final int PREVIEW = 5;

    private BoxFields() {
    }

    /** Field name to value (numbers, strings, booleans, lists), in a stable order. */
    public static Map<String, Object> of(Box box) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (box instanceof FullBox f && !(box instanceof SampleDescriptionBox) && !(box instanceof DataReferenceBox)) {
            m.put("version", f.version());
            if (f.flags() != 0) {
                m.put("flags", "0x" + Integer.toHexString(f.flags()));
            }
        }
        if (box instanceof FileTypeBox b) {
            m.put("major_brand", b.majorBrand().toString());
            m.put("minor_version", b.minorVersion());
            m.put("compatible_brands", b.compatibleBrands().stream().map(Object::toString).toList());
        } else if (box instanceof MovieHeaderBox b) {
            m.put("timescale", b.timescale());
            m.put("duration", b.duration());
            m.put("next_track_ID", b.nextTrackId());
        } else if (box instanceof TrackHeaderBox b) {
            m.put("track_ID", b.trackId());
            m.put("duration", b.duration());
            m.put("width", b.width() / 65536.0);
            m.put("height", b.height() / 65536.0);
        } else if (box instanceof EditListBox b) {
            List<Object> entries = new ArrayList<>();
            for (EditListBox.Entry e : b.entries()) {
                entries.add(List.of(e.segmentDuration(), e.mediaTime(), e.mediaRateInteger()));
            }
            m.put("entries", entries);
        } else if (box instanceof MediaHeaderBox b) {
            m.put("timescale", b.timescale());
            m.put("duration", b.duration());
            m.put("language", b.languageCode() != null ? b.languageCode() : "mac:" + b.language());
        } else if (box instanceof HandlerBox b) {
            m.put("handler_type", b.handlerType().toString());
            m.put("name", b.nameText());
        } else if (box instanceof SoundMediaHeaderBox b) {
            m.put("balance", b.balance());
        } else if (box instanceof SampleDescriptionBox b) {
            m.put("version", b.version());
            m.put("entry_count", b.children().size());
        } else if (box instanceof DataReferenceBox b) {
            m.put("entry_count", b.children().size());
        } else if (box instanceof VisualSampleEntry b) {
            m.put("width", b.width());
            m.put("height", b.height());
            m.put("data_reference_index", b.dataReferenceIndex());
        } else if (box instanceof AudioSampleEntry b) {
            m.put("version", b.version());
            m.put("channels", b.channels());
            m.put("sample_size", b.sampleSize());
            m.put("sample_rate", b.sampleRateHz());
        } else if (box instanceof TimeToSampleBox b) {
            m.put("entry_count", b.entryCount());
            m.put("samples", b.sampleCounts().stream().sum());
            m.put("first_deltas", preview(b.sampleDeltas()));
        } else if (box instanceof CompositionOffsetBox b) {
            m.put("entry_count", b.entryCount());
            m.put("first_offsets", preview(b.sampleOffsets()));
        } else if (box instanceof CompositionToDecodeBox b) {
            m.put("composition_to_dts_shift", b.compositionToDtsShift());
        } else if (box instanceof SyncSampleBox b) {
            m.put("entry_count", b.sampleNumbers().size());
            m.put("first", preview(b.sampleNumbers()));
        } else if (box instanceof SampleDependencyTypeBox b) {
            m.put("entries", b.entries().size());
        } else if (box instanceof SampleToChunkBox b) {
            m.put("entry_count", b.entryCount());
            m.put("first_samples_per_chunk", preview(b.samplesPerChunk()));
        } else if (box instanceof SampleSizeBox b) {
            m.put("sample_size", b.sampleSize());
            m.put("sample_count", b.sampleCount());
            if (b.sampleSize() == 0) {
                m.put("first", preview(b.entrySizes()));
            }
        } else if (box instanceof CompactSampleSizeBox b) {
            m.put("field_size", b.fieldSize());
            m.put("sample_count", b.entrySizes().size());
        } else if (box instanceof ChunkOffsetBox b) {
            m.put("entry_count", b.offsets().size());
            m.put("first", preview(b.offsets()));
        } else if (box instanceof ChunkLargeOffsetBox b) {
            m.put("entry_count", b.offsets().size());
            m.put("first", preview(b.offsets()));
        } else if (box instanceof MovieExtendsHeaderBox b) {
            m.put("fragment_duration", b.fragmentDuration());
        } else if (box instanceof TrackExtendsBox b) {
            m.put("track_ID", b.trackId());
            m.put("default_sample_duration", b.defaultSampleDuration());
            m.put("default_sample_size", b.defaultSampleSize());
            m.put("default_sample_flags", "0x" + Long.toHexString(b.defaultSampleFlags()));
        } else if (box instanceof MovieFragmentHeaderBox b) {
            m.put("sequence_number", b.sequenceNumber());
        } else if (box instanceof TrackFragmentHeaderBox b) {
            m.put("track_ID", b.trackId());
            if (b.has(TrackFragmentHeaderBox.BASE_DATA_OFFSET_PRESENT)) {
                m.put("base_data_offset", b.baseDataOffset());
            }
            m.put("default_base_is_moof", b.has(TrackFragmentHeaderBox.DEFAULT_BASE_IS_MOOF));
        } else if (box instanceof TrackFragmentDecodeTimeBox b) {
            m.put("base_media_decode_time", b.baseMediaDecodeTime());
        } else if (box instanceof TrackRunBox b) {
            m.put("sample_count", b.sampleCount());
            if (b.has(TrackRunBox.DATA_OFFSET_PRESENT)) {
                m.put("data_offset", b.dataOffset());
            }
        } else if (box instanceof SegmentIndexBox b) {
            m.put("reference_ID", b.referenceId());
            m.put("timescale", b.timescale());
            m.put("references", b.references().size());
        } else if (box instanceof TrackFragmentRandomAccessBox b) {
            m.put("track_ID", b.trackId());
            m.put("entries", b.entries().size());
        } else if (box instanceof MovieFragmentRandomAccessOffsetBox b) {
            m.put("mfra_size", b.mfraSize());
        } else if (box instanceof MediaDataBox b) {
            if (b.content() instanceof FileRange r) {
                m.put("data_offset", r.offset());
            }
            m.put("data_size", b.content().length());
        } else if (box instanceof FreeSpaceBox b) {
            m.put("content_size", b.content().length());
        } else if (box instanceof RawBox b) {
            m.put("payload_size", b.payload().length());
        } else if (box instanceof TrailingBytes b) {
            m.put("bytes", b.bytes().size());
        }
        return m;
    }

    private static List<Long> preview(LongArray a) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.min(PREVIEW, a.size()); i++) {
            out.add(a.get(i));
        }
        return out;
    }
}
