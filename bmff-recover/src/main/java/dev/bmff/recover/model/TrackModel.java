package dev.bmff.recover.model;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.TrackBox;
import java.util.List;

/**
 * What the reference teaches about one track: how its samples look (codec), how they are timed, and how the
 * muxer laid them out in the mdat.
 *
 * @param referenceTrackId the track's id in the reference
 * @param handler {@code vide}, {@code soun}, {@code meta}, {@code tmcd}...
 * @param sampleEntry the reference's (first) sample description; for a track the reader keeps raw (metadata),
 *     a {@link dev.bmff.core.box.MetadataSampleEntry} of its type (the repaired file gets the reference's stsd as
 *     it is, from {@code track})
 * @param codec the bitstream model the matchers use
 * @param language ISO 639-2/T code of the reference track
 * @param timescale the reference track's media timescale
 * @param sampleDuration the usual decode duration of one sample (the most frequent stts delta; 1 for PCM)
 * @param editList the reference's edit list (empty when it has none)
 * @param reorderDelay video: how many frame durations the first picture is presented after its decode time
 *     (the B-frame delay the reference's composition offsets and edit list carry); 0 for audio
 * @param sizes the reference's sample sizes
 * @param maxSamplesPerChunk the most samples one chunk of the reference holds
 * @param track the reference's trak, whose boxes other than the sample index the repaired track keeps
 */
public record TrackModel(long referenceTrackId, FourCC handler, SampleEntry sampleEntry, CodecModel codec,
        String language, long timescale, long sampleDuration, List<EditListBox.Entry> editList, int reorderDelay,
        SizeStats sizes, long maxSamplesPerChunk, TrackBox track) {
    public TrackModel {
        editList = List.copyOf(editList);
        if (timescale < 1 || sampleDuration < 0 || (sampleDuration == 0 && !(codec instanceof CodecModel.Metadata))) {
            throw new IllegalArgumentException("timescale and sample duration must be positive (0 only for metadata)");
        }
    }

    /**
     * A metadata track whose reference holds a single sample that lasts the whole track (a timecode, a
     * recording's description): the repaired track's one sample lasts the repaired movie.
     */
    public boolean spansMovie() {
        return codec instanceof CodecModel.Metadata && sizes.count() == 1;
    }

    /** The sample entry type, e.g. {@code avc1}. */
    public FourCC format() {
        return sampleEntry.type();
    }

    /** H.264, HEVC, MPEG-4 Part 2, Motion JPEG or ProRes: a track whose matcher's signature is strong. */
    public boolean isVideo() {
        return codec instanceof CodecModel.Avc || codec instanceof CodecModel.Hevc || codec instanceof CodecModel.Av1
                || codec instanceof CodecModel.Mpeg4Visual || codec instanceof CodecModel.MotionJpeg
                || codec instanceof CodecModel.ProRes;
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
