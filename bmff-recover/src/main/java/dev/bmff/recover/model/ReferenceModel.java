package dev.bmff.recover.model;

import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import java.util.List;

/**
 * Everything learned from a reference recording: its ftyp, its moov (whose boxes other than the sample index the
 * repaired file keeps: display matrix, track references, user data, handler names, sample descriptions) and a
 * model of each track recovery can find.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(Path.of("good.mp4"));
 * model.tracks().forEach(t -> System.out.println(t.format() + " " + t.timescale()));
 * }</pre>
 *
 * @param fileType the reference's ftyp, or null when it has none
 * @param movie the reference's moov
 * @param tracks a model of each track with samples, in the reference's order
 * @param mediaBytes the bytes of all the reference's samples, to scale what a sparse track may hold
 * @param warnings what the reference has that recovery will not restore
 */
public record ReferenceModel(FileTypeBox fileType, MovieBox movie, List<TrackModel> tracks, long mediaBytes,
        List<String> warnings) {
    public ReferenceModel {
        tracks = List.copyOf(tracks);
        warnings = List.copyOf(warnings);
    }
}
