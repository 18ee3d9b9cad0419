package dev.bmff.codecs.h264;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.FourCC;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Optional;

/** The first H.264 video track of a fixture: its avcC payload and its samples' bytes. */
record AvcTrack(Path file, TrackSamples samples, byte[] avcC) {
    static Optional<AvcTrack> open(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        for (TrackSamples t : index.tracks()) {
            for (Box entry : t.sampleDescriptions()) {
                if (entry instanceof VisualSampleEntry v) {
                    for (Box child : v.children()) {
                        if (child instanceof RawBox raw && raw.type().equals(FourCC.of("avcC"))) {
                            return Optional.of(new AvcTrack(file, t, ((Bytes) raw.payload()).toArray()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    byte[] sample(int i) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[(int) samples.size(i)];
            f.seek(samples.offset(i));
            f.readFully(b);
            return b;
        }
    }
}
