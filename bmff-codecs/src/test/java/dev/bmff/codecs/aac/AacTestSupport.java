package dev.bmff.codecs.aac;

import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the mp4a tracks of a file and their esds payloads. */
final class AacTestSupport {
    private AacTestSupport() {
    }

    record AacTrack(int streamIndex, TrackSamples samples, AudioSampleEntry entry, Bytes esdsPayload) {
    }

    static List<AacTrack> aacTracks(Path file) throws Exception {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<AacTrack> out = new ArrayList<>();
        for (int i = 0; i < index.tracks().size(); i++) {
            TrackSamples t = index.tracks().get(i);
            for (Box b : t.sampleDescriptions()) {
                if (b instanceof AudioSampleEntry a && a.type().toString().equals("mp4a")) {
                    out.add(new AacTrack(i, t, a, esds(a)));
                }
            }
        }
        return out;
    }

    /** The esds payload: a direct child in MP4, inside 'wave' in QuickTime. */
    static Bytes esds(AudioSampleEntry a) throws Exception {
        for (Box c : a.children()) {
            if (c instanceof RawBox r && r.type().toString().equals("esds")) {
                return (Bytes) r.payload();
            }
            if (c instanceof RawBox r && r.type().toString().equals("wave")) {
                // wave holds boxes: walk them (8-byte headers) to find esds.
                byte[] w = ((Bytes) r.payload()).toArray();
                int p = 0;
                while (p + 8 <= w.length) {
                    int size = ((w[p] & 0xFF) << 24) | ((w[p + 1] & 0xFF) << 16) | ((w[p + 2] & 0xFF) << 8) | (w[p + 3] & 0xFF);
                    String type = new String(w, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (size < 8 || p + size > w.length) {
                        break;
                    }
                    if (type.equals("esds")) {
                        return Bytes.of(w, p + 8, size - 8);
                    }
                    p += size;
                }
            }
        }
        throw new AssertionError("no esds in " + a.type());
    }

    /** A value of a "key=value" line from ffprobe's default output. */
    static String field(String ffprobeOutput, String key) {
        for (String line : ffprobeOutput.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("ffprobe printed no " + key);
    }
}
