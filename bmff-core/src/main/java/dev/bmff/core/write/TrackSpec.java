package dev.bmff.core.write;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.VisualSampleEntry;
import java.util.List;

/**
 * What a writer needs to know about a track before its first sample: the kind of media, the timescale
 * its times are in, the sample description (from bmff-codecs' sample-entry builders), the language, and
 * optionally an explicit edit list.
 *
 * <pre>{@code
 * TrackSpec video = TrackSpec.video(VideoSampleEntries.avc(avcC, false, Bitrate.NONE), 90_000);
 * TrackSpec audio = TrackSpec.audio(AudioSampleEntries.aac(asc, Bitrate.NONE), 48_000)
 *         .withEditList(List.of(new EditListBox.Entry(-1, 1024, 1, 0)));   // trim AAC priming
 * }</pre>
 *
 * @param handler {@code vide}, {@code soun}, or another handler type
 * @param timescale units per second of the track's times
 * @param sampleEntry the sample description written in stsd
 * @param language ISO 639-2/T code, {@code und} when unknown
 * @param editList the edit list to write, or {@code null} to let the writer decide (it starts presentation
 *     at the first composition time when B-frames delay it); a segment duration of -1 means "to the end
 *     of the media"; an empty list means "no edit list" (the media is shown as its times say)
 * @param source a track read from another file that this one copies, or {@code null}: its boxes that are not about
 *     samples or timing are written as they are (tkhd's flags, matrix, size, volume and times; tref, with track
 *     ids renumbered; the handler with its name; the media header and data information of minf; udta, meta and
 *     any box this library does not model), so a remux keeps what it does not understand. The sample tables,
 *     durations, track id and edit list are the writer's own.
 */
public record TrackSpec(FourCC handler, long timescale, SampleEntry sampleEntry, String language,
        List<EditListBox.Entry> editList, TrackBox source) {
    public TrackSpec {
        if (timescale < 1 || timescale > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timescale must be 1 to 2^32 - 1: " + timescale);
        }
        if (handler == null || sampleEntry == null) {
            throw new IllegalArgumentException("handler and sample entry are required");
        }
        if (language == null || language.length() != 3) {
            throw new IllegalArgumentException("language is a three-letter ISO 639-2/T code: " + language);
        }
        editList = editList == null ? null : List.copyOf(editList);
    }

    /** A spec that copies no other track. */
    public TrackSpec(FourCC handler, long timescale, SampleEntry sampleEntry, String language,
            List<EditListBox.Entry> editList) {
        this(handler, timescale, sampleEntry, language, editList, null);
    }

    /** A video track. */
    public static TrackSpec video(VisualSampleEntry entry, long timescale) {
        return new TrackSpec(HandlerBox.VIDEO, timescale, entry, "und", null);
    }

    /** A sound track. */
    public static TrackSpec audio(AudioSampleEntry entry, long timescale) {
        return new TrackSpec(HandlerBox.SOUND, timescale, entry, "und", null);
    }

    public TrackSpec withLanguage(String code) {
        return new TrackSpec(handler, timescale, sampleEntry, code, editList, source);
    }

    public TrackSpec withEditList(List<EditListBox.Entry> entries) {
        return new TrackSpec(handler, timescale, sampleEntry, language, entries, source);
    }

    /** The same spec copying the boxes of {@code trak} that are not about samples (see {@link #source()}). */
    public TrackSpec withSource(TrackBox trak) {
        return new TrackSpec(handler, timescale, sampleEntry, language, editList, trak);
    }

    /** The language of {@code trak} as a spec takes it: its mdhd's ISO 639-2/T code, {@code und} when it has none. */
    public static String languageOf(TrackBox trak) {
        return trak.first(MediaBox.class).flatMap(m -> m.first(MediaHeaderBox.class))
                .map(MediaHeaderBox::languageCode).filter(c -> c.matches("[a-z]{3}")).orElse("und");
    }

    public boolean isVideo() {
        return handler.equals(HandlerBox.VIDEO);
    }

    public boolean isAudio() {
        return handler.equals(HandlerBox.SOUND);
    }
}
