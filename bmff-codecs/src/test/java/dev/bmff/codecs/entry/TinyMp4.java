package dev.bmff.codecs.entry;

import dev.bmff.codecs.access.AccessUnit;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.ChunkOffsetBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.DataInformationBox;
import dev.bmff.core.box.DataReferenceBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.box.VideoMediaHeaderBox;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.SoundMediaHeaderBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.io.BoxWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A test helper, not the StandardWriter: one video (or audio, see {@link #writeAudio}) track in one chunk,
 * ftyp + mdat + moov, with stts (constant
 * frame duration), stss, ctts from the access units' picture order (presentation rank minus decode index,
 * shifted so no offset is negative) and stsc/stsz/stco.
 */
final class TinyMp4 {
    private TinyMp4() {
    }

    static void write(Path out, VisualSampleEntry entry, List<AccessUnit> units, long timescale, long frameDuration)
            throws IOException {
        int n = units.size();
        ByteArrayOutputStream media = new ByteArrayOutputStream();
        long[] sizes = new long[n];
        List<Long> sync = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] s = units.get(i).sample().toArray();
            media.writeBytes(s);
            sizes[i] = s.length;
            if (units.get(i).keyframe()) {
                sync.add((long) i + 1);
            }
        }
        FileTypeBox ftyp = new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41")));
        long mdatOffset = BoxWriter.sizeOf(ftyp) + 8;
        long duration = n * frameDuration;
        List<Box> stbl = new ArrayList<>();
        stbl.add(new SampleDescriptionBox(0, 0, List.of(entry)));
        stbl.add(new TimeToSampleBox(0, 0, LongArray.of(n), LongArray.of(frameDuration)));
        stbl.add(new SyncSampleBox(0, 0, LongArray.of(sync.stream().mapToLong(Long::longValue).toArray())));
        long[] offsets = compositionOffsets(units);
        if (java.util.Arrays.stream(offsets).anyMatch(o -> o != 0)) {
            long[] counts = new long[n];
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = 1;
                values[i] = offsets[i] * frameDuration;
            }
            stbl.add(new CompositionOffsetBox(0, 0, LongArray.of(counts), LongArray.of(values)));
        }
        stbl.add(new SampleToChunkBox(0, 0, LongArray.of(1), LongArray.of(n), LongArray.of(1)));
        stbl.add(SampleSizeBox.of(LongArray.of(sizes)));
        stbl.add(new ChunkOffsetBox(0, 0, LongArray.of(mdatOffset)));
        Box minf = new MediaInformationBox(List.of(new VideoMediaHeaderBox(0, 1, 0, 0, 0, 0),
                new DataInformationBox(List.of(new DataReferenceBox(0, 0,
                        List.of(RawBox.of(FourCC.of("url "), new byte[] {0, 0, 0, 1}))))),
                new SampleTableBox(stbl)));
        Box mdia = new MediaBox(List.of(MediaHeaderBox.of(timescale, duration, "und"),
                HandlerBox.of(HandlerBox.VIDEO, "VideoHandler"), minf));
        TrackHeaderBox tkhd = new TrackHeaderBox(0, 3, 0, 0, 1, duration, 0, 0, 0, Matrix.IDENTITY,
                (long) entry.width() << 16, (long) entry.height() << 16);
        MovieBox moov = new MovieBox(List.of(MovieHeaderBox.of(timescale, duration, 2),
                new TrackBox(List.of(tkhd, mdia))));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(BoxWriter.toBytes(ftyp));
        file.writeBytes(BoxWriter.toBytes(new MediaDataBox(Bytes.of(media.toByteArray()), false)));
        file.writeBytes(BoxWriter.toBytes(moov));
        Files.write(out, file.toByteArray());
    }

    /** One sound track in one chunk: every sample a sync sample of {@code sampleDuration}. */
    static void writeAudio(Path out, AudioSampleEntry entry, List<byte[]> samples, long timescale,
            long sampleDuration) throws IOException {
        int n = samples.size();
        ByteArrayOutputStream media = new ByteArrayOutputStream();
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            media.writeBytes(samples.get(i));
            sizes[i] = samples.get(i).length;
        }
        FileTypeBox ftyp = new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41")));
        long mdatOffset = BoxWriter.sizeOf(ftyp) + 8;
        long duration = n * sampleDuration;
        List<Box> stbl = List.of(new SampleDescriptionBox(0, 0, List.of(entry)),
                new TimeToSampleBox(0, 0, LongArray.of(n), LongArray.of(sampleDuration)),
                new SampleToChunkBox(0, 0, LongArray.of(1), LongArray.of(n), LongArray.of(1)),
                SampleSizeBox.of(LongArray.of(sizes)),
                new ChunkOffsetBox(0, 0, LongArray.of(mdatOffset)));
        Box minf = new MediaInformationBox(List.of(new SoundMediaHeaderBox(0, 0, 0),
                new DataInformationBox(List.of(new DataReferenceBox(0, 0,
                        List.of(RawBox.of(FourCC.of("url "), new byte[] {0, 0, 0, 1}))))),
                new SampleTableBox(stbl)));
        Box mdia = new MediaBox(List.of(MediaHeaderBox.of(timescale, duration, "und"),
                HandlerBox.of(HandlerBox.SOUND, "SoundHandler"), minf));
        TrackHeaderBox tkhd = new TrackHeaderBox(0, 3, 0, 0, 1, duration, 0, 1, 0x100, Matrix.IDENTITY, 0, 0);
        MovieBox moov = new MovieBox(List.of(MovieHeaderBox.of(timescale, duration, 2),
                new TrackBox(List.of(tkhd, mdia))));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(BoxWriter.toBytes(ftyp));
        file.writeBytes(BoxWriter.toBytes(new MediaDataBox(Bytes.of(media.toByteArray()), false)));
        file.writeBytes(BoxWriter.toBytes(moov));
        Files.write(out, file.toByteArray());
    }

    /** In frames: presentation rank (by POC epoch, then POC) minus decode index, plus the largest reorder delay. */
    static long[] compositionOffsets(List<AccessUnit> units) {
        int n = units.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> units.get(i).pocEpoch())
                .thenComparingLong(i -> units.get(i).picOrderCnt()));
        long[] offsets = new long[n];
        long shift = 0;
        for (int rank = 0; rank < n; rank++) {
            int i = order.get(rank);
            offsets[i] = rank - i;
            shift = Math.max(shift, i - rank);
        }
        for (int i = 0; i < n; i++) {
            offsets[i] += shift;
        }
        return offsets;
    }
}
