package dev.bmff.recover.model;

import dev.bmff.core.box.FileTypeBox;
import java.util.List;

/**
 * Everything learned from a reference recording: its ftyp and a model of each track recovery can find.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(Path.of("good.mp4"));
 * model.tracks().forEach(t -> System.out.println(t.format() + " " + t.timescale()));
 * }</pre>
 *
 * @param fileType the reference's ftyp, or null when it has none
 * @param tracks the tracks with a matcher (H.264, HEVC, AAC, PCM), in the reference's order
 * @param warnings what the reference has that recovery will not restore (e.g. a timecode track)
 */
public record ReferenceModel(FileTypeBox fileType, List<TrackModel> tracks, List<String> warnings) {
    public ReferenceModel {
        tracks = List.copyOf(tracks);
        warnings = List.copyOf(warnings);
    }
}
