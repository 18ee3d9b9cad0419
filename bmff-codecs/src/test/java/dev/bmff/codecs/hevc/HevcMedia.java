package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.nal.NalRange;
import dev.bmff.codecs.nal.NalUnits;
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
import java.util.Arrays;
import java.util.List;

/** The HEVC video track of an MP4: its sample entry, hvcC payload and samples in decoding order. */
record HevcMedia(VisualSampleEntry entry, byte[] hvcC, List<byte[]> samples, TrackSamples track) {
    static HevcMedia load(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        TrackSamples video = index.tracks().stream()
                .filter(t -> t.handlerType().equals(FourCC.of("vide")))
                .findFirst().orElseThrow(() -> new AssertionError("no video track in " + file));
        VisualSampleEntry entry = (VisualSampleEntry) video.sampleDescriptions().get(0);
        byte[] hvcC = null;
        for (Box child : entry.children()) {
            if (child instanceof RawBox raw && raw.type().equals(FourCC.of("hvcC"))) {
                hvcC = ((Bytes) raw.payload()).toArray();
            }
        }
        if (hvcC == null) {
            throw new AssertionError("no hvcC in " + file);
        }
        List<byte[]> samples = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (int i = 0; i < video.sampleCount(); i++) {
                byte[] s = new byte[Math.toIntExact(video.size(i))];
                f.seek(video.offset(i));
                f.readFully(s);
                samples.add(s);
            }
        }
        return new HevcMedia(entry, hvcC, List.copyOf(samples), video);
    }

    /** Splits a sample into its NAL units: each preceded by a big-endian length of lengthSize bytes. */
    static List<byte[]> splitNalUnits(byte[] sample, int lengthSize) throws BitstreamException {
        List<byte[]> out = new ArrayList<>();
        for (NalRange u : NalUnits.splitLengthPrefixed(sample, lengthSize)) {
            out.add(Arrays.copyOfRange(sample, u.offset(), u.offset() + u.length()));
        }
        return out;
    }
}
