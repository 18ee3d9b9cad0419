package dev.bmff.recover.model;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.SampleEntry;
import java.util.List;

/**
 * What the reference teaches about one track: how its samples look (codec), how they are timed, and how the
 * muxer laid them out in the mdat.
 *
 * @param referenceTrackId the track's id in the reference
 * @param handler {@code vide} or {@code soun}
 * @param sampleEntry the reference's (first) sample description, written unchanged into the repaired file
 * @param codec the bitstream model the matchers use
 * @param language ISO 639-2/T code of the reference track
 * @param timescale the reference track's media timescale
 * @param sampleDuration the usual decode duration of one sample (the most frequent stts delta; 1 for PCM)
 * @param editList the reference's edit list (empty when it has none)
 * @param reorderDelay video: how many frame durations the first picture is presented after its decode time
 *     (the B-frame delay the reference's composition offsets and edit list carry); 0 for audio
 * @param sizes the reference's sample sizes
 * @param maxSamplesPerChunk the most samples one chunk of the reference holds
 */
public record TrackModel(long referenceTrackId, FourCC handler, SampleEntry sampleEntry, CodecModel codec,
        String language, long timescale, long sampleDuration, List<EditListBox.Entry> editList, int reorderDelay,
        SizeStats sizes, long maxSamplesPerChunk) {
    public TrackModel {
        editList = List.copyOf(editList);
        if (timescale < 1 || sampleDuration < 1) {
            throw new IllegalArgumentException("timescale and sample duration must be positive");
        }
    }

    /** The sample entry type, e.g. {@code avc1}. */
    public FourCC format() {
        return sampleEntry.type();
    }

    public boolean isVideo() {
        return codec instanceof CodecModel.Avc || codec instanceof CodecModel.Hevc;
    }

    /** The media time where presentation starts (the first non-empty edit's media_time), 0 without edits. */
    public long presentationStart() {
        for (EditListBox.Entry e : editList) {
            if (e.mediaTime() >= 0) {
                return e.mediaTime();
            }
        }
        return 0;
    }
}
