package dev.bmff.core.write;

import dev.bmff.core.box.SegmentIndexBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.PositionalWrites;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tracks one media playlist of a {@link CmafWriter} carries (all of them multiplexed, or one), with its init
 * segment, the samples of the segment being built, and the playlist's entries. Its files are named after it:
 * {@code init.mp4}, {@code seg-00000.m4s}, {@code playlist.m3u8} for the multiplexed one, {@code track2-init.mp4},
 * {@code track2-00000.m4s}, {@code track2.m3u8} for track 2 on its own.
 *
 * <pre>{@code
 * CmafRendition r = new CmafRendition("", List.of(0, 1), allTracks, 0, 4);
 * r.add(sample);                                    // the caller's track index
 * long bytes = r.writeSegment(dir, 0, false);       // seg-00000.m4s, listed in r.playlist()
 * }</pre>
 */
final class CmafRendition {
    private final String name;
    private final int[] local;
    private final List<TrackSpec> specs;
    private final int reference;
    private final FragmentBuilder fragment;
    private final HlsPlaylist playlist;
    private long spanStart = -1;
    private long spanEnd;
    private double peakBitsPerSecond;

    /**
     * @param name empty for the multiplexed rendition, else the prefix of its files
     * @param tracks the caller's indices of its tracks
     * @param all every track of the writer
     * @param reference the caller's index of the track whose span is a segment's duration
     * @param minimumTarget the playlist's target duration before a segment is longer, in seconds
     */
    CmafRendition(String name, List<Integer> tracks, List<TrackSpec> all, int reference, long minimumTarget) {
        this.name = name;
        this.local = new int[all.size()];
        Arrays.fill(local, -1);
        List<TrackSpec> mine = new ArrayList<>();
        for (int t : tracks) {
            local[t] = mine.size();
            mine.add(all.get(t));
        }
        this.specs = List.copyOf(mine);
        this.reference = reference;
        this.fragment = new FragmentBuilder(specs.size());
        this.playlist = new HlsPlaylist(initName(), minimumTarget);
    }

    String initName() {
        return name.isEmpty() ? "init.mp4" : name + "-init.mp4";
    }

    String playlistName() {
        return name.isEmpty() ? CmafWriter.PLAYLIST : name + ".m3u8";
    }

    String segmentName(long number) {
        return String.format(Locale.ROOT, name.isEmpty() ? "seg-%05d.m4s" : name + "-%05d.m4s", number);
    }

    List<TrackSpec> specs() {
        return specs;
    }

    /** The CMAF header: brands cmfc and iso6, the sample-less moov of its tracks. */
    byte[] head() {
        return Headers.fragmentedHead(Brands.cmaf(), specs, false, List.of());
    }

    boolean carries(int track) {
        return local[track] >= 0;
    }

    /** Adds a sample (the caller's track index) whose duration is known. */
    void add(Sample s) {
        if (s.track() == reference) {
            if (spanStart < 0) {
                spanStart = s.dts();
            }
            spanEnd = s.dts() + s.duration();
        }
        fragment.add(new Sample(local[s.track()], s.content(), s.dts(), s.compositionOffset(), s.duration(), s.sync()));
    }

    long bytes() {
        return fragment.bytes();
    }

    boolean isEmpty() {
        return fragment.isEmpty();
    }

    /** The duration of the segment being built on the reference track, in seconds. */
    double seconds() {
        return spanStart < 0 ? 0 : (double) (spanEnd - spanStart) / specs.get(local[reference]).timescale();
    }

    /**
     * Writes the segment being built as {@code dir/segmentName(number)} (atomically: styp, the sidx when asked, the
     * moof and mdat) and lists it; the samples are let go.
     *
     * @return its size in bytes
     */
    long writeSegment(Path dir, long number, boolean segmentIndex) throws IOException {
        double seconds = seconds();
        FragmentBuilder.Layout layout = fragment.layout(number + 1);
        List<ByteBuffer> buffers = new ArrayList<>();
        buffers.add(ByteBuffer.wrap(BoxWriter.toBytes(Brands.cmafSegment())));
        if (segmentIndex) {
            buffers.add(ByteBuffer.wrap(BoxWriter.toBytes(segmentIndex(layout))));
        }
        long size = layout.totalSize();
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        AtomicOutput.write(dir.resolve(segmentName(number)), ch -> {
            for (ByteBuffer b : buffers) {
                PositionalWrites.writeFully(ch, b);
            }
            // AtomicOutput forces the whole segment before its rename: no early writeback for a few seconds of media.
            new SampleOutput(ch, false).write(ByteBuffer.wrap(layout.header()), layout.samples());
        });
        fragment.clear();
        spanStart = -1;
        playlist.add(segmentName(number), seconds);
        if (seconds > 0) {
            peakBitsPerSecond = Math.max(peakBitsPerSecond, size * 8 / seconds);
        }
        return size;
    }

    double peakBitsPerSecond() {
        return peakBitsPerSecond;
    }

    HlsPlaylist playlist() {
        return playlist;
    }

    /** One reference to the segment's fragment, timed on the reference track. */
    private SegmentIndexBox segmentIndex(FragmentBuilder.Layout layout) {
        int ref = local[reference];
        long earliest = Long.MAX_VALUE;
        long duration = 0;
        boolean sap = false;
        for (FragmentBuilder.Run run : layout.runs()) {
            if (run.track() != ref) {
                continue;
            }
            sap = run.samples().get(0).sync();
            for (Sample s : run.samples()) {
                earliest = Math.min(earliest, s.cts());
                duration += s.duration();
            }
        }
        earliest = earliest == Long.MAX_VALUE ? 0 : Math.max(0, earliest);
        return new SegmentIndexBox(1, 0, ref + 1L, specs.get(ref).timescale(), earliest, 0, 0,
                List.of(new SegmentIndexBox.Reference(false, layout.totalSize(), duration, sap, sap ? 1 : 0, 0)));
    }
}
