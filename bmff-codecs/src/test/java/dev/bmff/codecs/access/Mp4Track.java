package dev.bmff.codecs.access;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The video track of an MP4: its sample entry, configuration payload, samples' bytes and sync flags. */
record Mp4Track(VisualSampleEntry entry, byte[] config, List<byte[]> samples, List<Boolean> sync) {
    static Mp4Track open(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        for (TrackSamples t : index.tracks()) {
            for (Box e : t.sampleDescriptions()) {
                if (e instanceof VisualSampleEntry v) {
                    byte[] config = null;
                    for (Box c : v.children()) {
                        if (c instanceof RawBox raw && (raw.type().equals(FourCC.of("avcC"))
                                || raw.type().equals(FourCC.of("hvcC")))) {
                            config = ((Bytes) raw.payload()).toArray();
                        }
                    }
                    List<byte[]> samples = new ArrayList<>();
                    List<Boolean> sync = new ArrayList<>();
                    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                        for (int i = 0; i < t.sampleCount(); i++) {
                            byte[] b = new byte[(int) t.size(i)];
                            f.seek(t.offset(i));
                            f.readFully(b);
                            samples.add(b);
                            sync.add(t.isSync(i));
                        }
                    }
                    return new Mp4Track(v, config, List.copyOf(samples), List.copyOf(sync));
                }
            }
        }
        throw new IOException("no video track in " + file);
    }
}
