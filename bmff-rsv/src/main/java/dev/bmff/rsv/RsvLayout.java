package dev.bmff.rsv;

import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.UnusableReferenceException;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.ReferenceModel;
import dev.bmff.recover.model.TrackModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reference recording says an RSV file of the same settings holds: which model track is the video (H.264
 * or HEVC) and at which exact frame rate, the PCM audio tracks in the order their data follows the video in each
 * GOP, and the reference's {@code rtmd} timed-metadata track, if it has one. The sizes that vary (rtmd packet
 * size and count, frames per GOP) are not here: {@link GopParser} learns them from each GOP.
 *
 * <pre>{@code
 * RsvLayout layout = RsvLayout.of(Path.of("C0001.MP4"));
 * System.out.println(layout.frameDuration() + "/" + layout.videoTimescale() + " s per frame");
 * }</pre>
 *
 * @param model the reference's track models (recovery's)
 * @param video index of the video track in {@code model.tracks()}
 * @param audio indexes of the PCM tracks in {@code model.tracks()}, in storage order
 * @param rtmd the reference's rtmd track, or null when it has none
 */
public record RsvLayout(ReferenceModel model, int video, List<Integer> audio, Rtmd rtmd) {
    /** The rtmd packet header: {@code 00 1c 01 00}, 4 varying bytes, then the Sony tag {@code f0 01 00 10}. */
    public static final BytePattern RTMD_HEADER = BytePattern.SONY_RTMD;
    private static final FourCC RTMD = FourCC.of("rtmd");

    /**
     * The reference's timed-metadata track.
     *
     * @param spec handler, timescale and sample entry for the repaired file
     * @param sampleDuration the reference's usual rtmd sample duration (in {@code spec.timescale()})
     * @param packetSize the reference's usual rtmd sample size (a hint when a GOP holds a single packet)
     * @param referenceTrackId its id in the reference
     */
    public record Rtmd(TrackSpec spec, long sampleDuration, long packetSize, long referenceTrackId) {
    }

    public RsvLayout {
        audio = List.copyOf(audio);
    }

    /**
     * Reads {@code reference} and checks that an RSV repair can use it.
     *
     * @throws UnusableReferenceException when it has no H.264/HEVC video track, or audio that is not PCM
     */
    public static RsvLayout of(Path reference) throws IOException {
        ReferenceModel learned = ModelLearner.learn(reference);
        // Metadata tracks (rtmd) are found by the GOP parser, not by recovery's matchers: they join below.
        ReferenceModel model = new ReferenceModel(learned.fileType(), learned.movie(), learned.tracks().stream()
                .filter(t -> !(t.codec() instanceof CodecModel.Metadata)).toList(), learned.mediaBytes(),
                learned.warnings());
        int video = -1;
        List<Integer> audio = new ArrayList<>();
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            if (t.isVideo()) {
                if (video >= 0) {
                    throw new UnusableReferenceException("reference " + reference + " has more than one video track;"
                            + " an RSV file holds one");
                }
                video = i;
            } else if (t.codec() instanceof CodecModel.Pcm) {
                audio.add(i);
            } else {
                throw new UnusableReferenceException("reference " + reference + " track " + t.referenceTrackId()
                        + " is " + t.format() + ": RSV audio is PCM (twos, sowt, ipcm)");
            }
        }
        if (video < 0) {
            throw new UnusableReferenceException("reference " + reference + " has no H.264 or HEVC video track");
        }
        CodecModel c = model.tracks().get(video).codec();
        if (!(c instanceof CodecModel.Avc) && !(c instanceof CodecModel.Hevc)) {
            throw new UnusableReferenceException("reference " + reference + " has no H.264 or HEVC video track ("
                    + model.tracks().get(video).format() + "); RSV video is H.264 or HEVC");
        }
        int lengthSize = c instanceof CodecModel.Avc a ? a.config().nalLengthSize()
                : ((CodecModel.Hevc) c).config().nalLengthSize();
        if (lengthSize != 4) {
            throw new UnusableReferenceException("reference " + reference + " uses " + lengthSize
                    + "-byte NAL lengths; RSV video is found by its 4-byte-length access unit delimiters");
        }
        Rtmd rtmd = rtmd(reference);
        if (rtmd != null) {
            // Recovery's model leaves the rtmd track out with a warning; here it is restored.
            String about = "reference track " + rtmd.referenceTrackId() + " ";
            model = new ReferenceModel(model.fileType(), model.movie(), model.tracks(), model.mediaBytes(),
                    model.warnings().stream().filter(w -> !w.startsWith(about)).toList());
        }
        return new RsvLayout(model, video, audio, rtmd);
    }

    /** The reference's rtmd track, or null. */
    private static Rtmd rtmd(Path reference) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(reference, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0 || t.sampleDescriptions().isEmpty()) {
                continue;
            }
            Box entry = t.sampleDescriptions().get(0);
            if (!entry.type().equals(RTMD)) {
                continue;
            }
            MetadataSampleEntry e;
            if (entry instanceof MetadataSampleEntry m) {
                e = m;
            } else if (entry instanceof RawBox raw) {
                try {
                    e = MetadataSampleEntry.of(raw);
                } catch (IllegalArgumentException ex) {
                    continue;
                }
            } else {
                continue;
            }
            TrackSpec spec = new TrackSpec(t.handlerType(), t.timescale(), e, "und", null);
            return new Rtmd(spec, mostFrequent(t, true), mostFrequent(t, false), t.trackId());
        }
        return null;
    }

    private static long mostFrequent(TrackSamples t, boolean duration) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < t.sampleCount(); i++) {
            counts.merge(duration ? t.duration(i) : t.size(i), 1, Integer::sum);
        }
        return counts.entrySet().stream().filter(x -> x.getKey() > 0).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(1L);
    }

    /**
     * True when {@code head} (a file's first bytes, from position 0) starts with an rtmd packet header: the prefix
     * {@code 00 1c 01 00} and the Sony tag {@code f0 01 00 10} at offset 8. Every RSV file does; no MP4 can (its
     * first box would claim 1.8 MB and a type of non-letters).
     */
    public static boolean startsWithRtmd(ByteBuffer head) {
        return head.limit() >= RTMD_HEADER.length() && RTMD_HEADER.matches(head, 0);
    }

    public TrackModel videoModel() {
        return model.tracks().get(video);
    }

    /** True for HEVC video, false for H.264. */
    public boolean hevc() {
        return videoModel().codec() instanceof CodecModel.Hevc;
    }

    /** The video track's timescale: frame rate = videoTimescale / frameDuration, exactly (e.g. 24000/1001). */
    public long videoTimescale() {
        return videoModel().timescale();
    }

    public long frameDuration() {
        return videoModel().sampleDuration();
    }

    /** The PCM layout of audio track {@code i} (in storage order). */
    public PcmFormat audioFormat(int i) {
        return ((CodecModel.Pcm) model.tracks().get(audio.get(i)).codec()).format();
    }
}
