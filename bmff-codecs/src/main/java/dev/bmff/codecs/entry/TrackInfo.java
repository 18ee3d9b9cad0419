package dev.bmff.codecs.entry;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One track in a few numbers: id, handler, sample entry type, timescale, sample count, and the decoded
 * {@link CodecParameters} of its first sample description.
 *
 * <pre>{@code
 * for (TrackInfo t : TrackInfo.of(SampleIndex.of(BoxReader.read(path, ReadOptions.strict())))) {
 *     System.out.println(Json.encode(t.fields()));
 * }
 * }</pre>
 *
 * @param codec the first sample entry's type (also for formats kept raw, like {@code tmcd} or {@code gpmd}), "" when
 *     the track has none
 */
public record TrackInfo(long trackId, String handler, String codec, long timescale, int samples,
        CodecParameters parameters) {

    /** Every track of {@code index}, in its order. */
    public static List<TrackInfo> of(SampleIndex index) throws BitstreamException {
        List<TrackInfo> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            out.add(of(t));
        }
        return List.copyOf(out);
    }

    /**
     * Every track of {@code index}, with what only a frame tells (see {@link CodecParameters#of(SampleEntry, byte[])}):
     * chroma and precision of Motion JPEG and ProRes, an MP3 track's rate and channels; read from its first sample in
     * {@code media} (the file the index describes).
     *
     * <pre>{@code
     * try (FileChannel media = FileChannel.open(path)) {
     *     List<TrackInfo> tracks = TrackInfo.of(SampleIndex.of(BoxReader.read(path, ReadOptions.strict())), media);
     * }
     * }</pre>
     *
     * @throws BitstreamException when a configuration box or such a first frame is malformed
     */
    public static List<TrackInfo> of(SampleIndex index, FileChannel media) throws IOException {
        List<TrackInfo> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            TrackInfo info = of(t);
            if (needsFirstFrame(info.parameters())) {
                SampleEntry entry = firstEntry(t);
                if (entry != null && t.sampleCount() > 0 && t.size(0) > 0 && t.offset(0) >= 0
                        && t.offset(0) + t.size(0) <= media.size()) {
                    byte[] first = PositionalReads.readFully(media, t.offset(0),
                            (int) Math.min(t.size(0), FIRST_FRAME_LIMIT));
                    info = new TrackInfo(info.trackId, info.handler, info.codec, info.timescale, info.samples,
                            CodecParameters.of(entry, first));
                }
            }
            out.add(info);
        }
        return List.copyOf(out);
    }

    private static boolean needsFirstFrame(CodecParameters p) {
        return p instanceof CodecParameters.Video v
                && (v.chroma().isEmpty() || v.format().equals(CodecParameters.Video.PRORES))
                || p instanceof CodecParameters.Audio a && a.format().equals("MP3");
    }

    /** A Motion JPEG frame larger than this is not read to describe its track. */
    private static final int FIRST_FRAME_LIMIT = 16 << 20;

    private static SampleEntry firstEntry(TrackSamples t) {
        for (Box b : t.sampleDescriptions()) {
            if (b instanceof SampleEntry e) {
                return e;
            }
        }
        return null;
    }

    /**
     * One track.
     *
     * @throws BitstreamException when its sample entry's configuration box is malformed
     */
    public static TrackInfo of(TrackSamples t) throws BitstreamException {
        // A format the reader keeps raw (tmcd, gpmd, mebx, mett...) is still named by its sample entry type.
        CodecParameters p = new CodecParameters.Other(t.sampleDescriptions().isEmpty() ? ""
                : t.sampleDescriptions().get(0).type().toString());
        for (Box b : t.sampleDescriptions()) {
            if (b instanceof SampleEntry e) {
                p = CodecParameters.of(e);
                break;
            }
        }
        return new TrackInfo(t.trackId(), t.handlerType().toString(), p.codec(), t.timescale(), t.sampleCount(), p);
    }

    /** The fields in output order: track, handler, codec, timescale, samples, then the codec parameters. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("track", trackId);
        m.put("handler", handler);
        m.put("codec", codec);
        m.put("timescale", timescale);
        m.put("samples", samples);
        m.putAll(parameters.fields());
        return m;
    }
}
