package dev.bmff.recover.model;

import dev.bmff.core.box.Bytes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The NAL units a video track's reference samples hold, and where each kind stands in a sample relative to the
 * base layer's slices. Real encoders write units a textbook matcher refuses (a Dolby Vision RPU, unspecified
 * HEVC type 62, after every picture of an iPhone; H.264 prefix and slice extension units, types 14 and 20, in
 * slow motion modes; MV-HEVC units with nuh_layer_id 1 in spatial video): the matchers accept what the reference
 * shows, where it shows it, and stay strict for everything else.
 *
 * <pre>{@code
 * NalVocabulary v = ((CodecModel.Hevc) track.codec()).vocabulary();
 * if (v.trails(62, 0)) { ... }   // type 62 follows the slices of a picture
 * }</pre>
 *
 * @param samples how many of the reference's samples were read (0: nothing learned)
 * @param syncSamples how many of them were sync samples
 * @param placements for each kind of unit seen, keyed by {@link #key(int, int) key(type, layer)}, where it stood:
 *     a mask of {@link #LEADING}, {@link #BETWEEN}, {@link #TRAILING} (and {@link #BASE_SLICE} for the base layer's
 *     coded slices, whose place is their own)
 * @param samplesWithParameterSets samples that carried a parameter set before their first base-layer slice
 * @param syncSamplesWithParameterSets sync samples among them
 * @param parameterSets the distinct in-band parameter set units found in the samples read (each whole, header
 *     included), in the order first seen
 */
public record NalVocabulary(int samples, int syncSamples, Map<Integer, Integer> placements,
        int samplesWithParameterSets, int syncSamplesWithParameterSets, List<Bytes> parameterSets,
        int samplesWithSeveralSlices) {
    /** Seen before the first base-layer slice of a sample. */
    public static final int LEADING = 1;
    /** Seen after a base-layer slice and before another one of the same sample. */
    public static final int BETWEEN = 2;
    /** Seen after the last base-layer slice of a sample. */
    public static final int TRAILING = 4;
    /** A coded slice of the base layer (H.264 types 1 and 5; HEVC layer 0, types 0 to 9 and 16 to 21). */
    public static final int BASE_SLICE = 8;

    /** Nothing learned: the matchers accept the textbook units only. */
    public static final NalVocabulary NONE = new NalVocabulary(0, 0, Map.of(), 0, 0, List.of(), 0);

    public NalVocabulary {
        if (samples < 0 || syncSamples < 0 || syncSamples > samples || samplesWithParameterSets < 0
                || samplesWithParameterSets > samples || syncSamplesWithParameterSets < 0
                || syncSamplesWithParameterSets > Math.min(syncSamples, samplesWithParameterSets)
                || samplesWithSeveralSlices < 0 || samplesWithSeveralSlices > samples) {
            throw new IllegalArgumentException("inconsistent sample counts");
        }
        for (Map.Entry<Integer, Integer> e : placements.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= 64 * 64 || e.getValue() <= 0 || e.getValue() > 15) {
                throw new IllegalArgumentException("bad placement " + e);
            }
        }
        placements = Collections.unmodifiableMap(new TreeMap<>(placements));
        parameterSets = List.copyOf(parameterSets);
    }

    /** A vocabulary of pictures of one base-layer slice each as far as known ({@code samplesWithSeveralSlices} 0). */
    public NalVocabulary(int samples, int syncSamples, Map<Integer, Integer> placements, int samplesWithParameterSets,
            int syncSamplesWithParameterSets, List<Bytes> parameterSets) {
        this(samples, syncSamples, placements, samplesWithParameterSets, syncSamplesWithParameterSets, parameterSets,
                0);
    }

    /**
     * Whether every surveyed picture was one base-layer slice (phones and cameras encode so): then a slice after a
     * whole picture's slice starts the next picture, even where the end of the data cuts it before its header says
     * so. False when nothing was surveyed.
     */
    public boolean oneSlicePerPicture() {
        return samples > 0 && samplesWithSeveralSlices == 0;
    }

    /** The placement key of a unit: {@code layer << 6 | type} (H.264 units have layer 0). */
    public static int key(int type, int layer) {
        if (type < 0 || type > 63 || layer < 0 || layer > 63) {
            throw new IllegalArgumentException("type " + type + " layer " + layer);
        }
        return layer << 6 | type;
    }

    /** Where units of this type and layer stood (a mask of the constants), 0 when never seen. */
    public int placement(int type, int layer) {
        return placements.getOrDefault(key(type, layer), 0);
    }

    public boolean contains(int type, int layer) {
        return placement(type, layer) != 0;
    }

    /** Whether units of this type and layer were seen after the last base-layer slice of a sample. */
    public boolean trails(int type, int layer) {
        return (placement(type, layer) & TRAILING) != 0;
    }

    /** The nal_unit_type values seen, in any layer. */
    public Set<Integer> types() {
        Set<Integer> out = new TreeSet<>();
        placements.keySet().forEach(k -> out.add(k & 63));
        return Collections.unmodifiableSet(out);
    }

    /** The nuh_layer_id values seen (only 0 for H.264). */
    public Set<Integer> layers() {
        Set<Integer> out = new TreeSet<>();
        placements.keySet().forEach(k -> out.add(k >> 6));
        return Collections.unmodifiableSet(out);
    }

    /** Whether every sample read carried its parameter sets in band (false when none was read). */
    public boolean parameterSetsInEverySample() {
        return samples > 0 && samplesWithParameterSets == samples;
    }

    /** Whether every sync sample read carried its parameter sets in band (false when none was read). */
    public boolean parameterSetsInEverySyncSample() {
        return syncSamples > 0 && syncSamplesWithParameterSets == syncSamples;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("NalVocabulary[samples=" + samples + ", sync=" + syncSamples
                + ", withParameterSets=" + samplesWithParameterSets + "/" + syncSamplesWithParameterSets + ", units=");
        placements.forEach((k, v) -> s.append(' ').append(k & 63).append(k >> 6 == 0 ? "" : "/L" + (k >> 6))
                .append(':').append((v & BASE_SLICE) != 0 ? "S" : "").append((v & LEADING) != 0 ? "l" : "")
                .append((v & BETWEEN) != 0 ? "b" : "").append((v & TRAILING) != 0 ? "t" : ""));
        return s.append(", parameterSets=").append(parameterSets.size()).append(']').toString();
    }
}
