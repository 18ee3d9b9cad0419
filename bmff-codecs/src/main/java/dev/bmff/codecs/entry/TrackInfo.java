package dev.bmff.codecs.entry;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
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

    /**
     * One track, its parameters completed from the first bytes of its first sample where the configuration does not
     * give them (see {@link CodecParameters#of(SampleEntry, byte[])}: an MP3 track's channels).
     *
     * @param firstSampleHead the first bytes (16 are enough) of the track's first sample, or null
     * @throws BitstreamException when its sample entry's configuration box is malformed
     */
    public static TrackInfo of(TrackSamples t, byte[] firstSampleHead) throws BitstreamException {
        TrackInfo plain = of(t);
        for (Box b : t.sampleDescriptions()) {
            if (b instanceof SampleEntry e) {
                CodecParameters p = CodecParameters.of(e, firstSampleHead);
                return new TrackInfo(plain.trackId(), plain.handler(), plain.codec(), plain.timescale(),
                        plain.samples(), p);
            }
        }
        return plain;
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
