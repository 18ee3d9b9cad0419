package dev.bmff.rsv;

import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.recover.BrokenFile;
import dev.bmff.recover.RebuiltMovie;
import dev.bmff.recover.RepairException;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.match.Match;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs a Sony {@code .RSV} file (what an FX3, FX30 or A7S III leaves when a recording is interrupted: GOP blocks
 * of rtmd packets, video frames and PCM audio, with no ftyp and no moov) into an MP4 like the reference: the video,
 * every audio track and, when the reference has one, the rtmd timed-metadata track, with sync samples from the NAL
 * unit types and composition offsets from the picture order. The RSV is only read; its bytes are copied into the
 * new file's mdat by the channel; the output appears atomically. Memory depends on the number of frames, never on
 * the size of the file. {@code Recovery.repair(reference, broken, out)} hands RSV files here by itself.
 *
 * <pre>{@code
 * RepairReport r = RsvRecovery.repair(Path.of("C0001.MP4"), Path.of("C0002.RSV"), Path.of("C0002.MP4"));
 * System.out.println(r);
 * }</pre>
 */
public final class RsvRecovery {
    private RsvRecovery() {
    }

    /** {@link #repair(Path, Path, Path, RepairOptions)} with {@link RepairOptions#defaults()}. */
    public static RepairReport repair(Path reference, Path rsv, Path out) throws IOException {
        return repair(reference, rsv, out, RepairOptions.defaults());
    }

    /**
     * Repairs {@code rsv} into {@code out}.
     *
     * @param reference a complete recording of the same camera and settings (codec, frame rate, audio format)
     * @param rsv the RSV file, only read
     * @param out the repaired file; replaced if it exists
     * @param options the progress listener is told how far the pass has come; the other options do not apply
     * @return what was recovered, the byte ranges left out and why, and what the layout looked like
     * @throws RsvFormatException when {@code rsv} does not start with rtmd packets followed by the reference's video
     * @throws dev.bmff.recover.UnusableReferenceException when the reference has no H.264/HEVC video or non-PCM audio
     */
    public static RepairReport repair(Path reference, Path rsv, Path out, RepairOptions options) throws IOException {
        for (Path in : List.of(reference, rsv)) {
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                    || (Files.exists(out) && Files.isSameFile(in, out))) {
                throw new RepairException("the output must be a new file, not one of the inputs: " + out);
            }
        }
        if (Files.isSameFile(reference, rsv)) {
            throw new RepairException("the reference and the RSV file are the same file: " + rsv);
        }
        try (BrokenFile file = BrokenFile.open(rsv)) {
            return repair(reference, file, out, options);
        }
    }

    /**
     * Repairs the RSV file {@code rsv}, opened by the caller (as {@code Recovery.repair} does), into {@code out};
     * the inputs and the output must already be known to be distinct files.
     */
    public static RepairReport repair(Path reference, BrokenFile rsv, Path out, RepairOptions options)
            throws IOException {
        FileChannel in = rsv.channel();
        if (!RsvLayout.startsWithRtmd(rsv.head())) {
            throw new RsvFormatException(rsv + " does not start with an rtmd packet (00 1c 01 00 .. .. .. .. f0 01 00"
                    + " 10): not an RSV file");
        }
        RsvLayout layout = RsvLayout.of(reference);
        Collector sink = new Collector(layout, options);
        GopParser.Result result = new GopParser(layout, in, sink).parse();
        if (sink.movie.count(layout.video()) == 0) {
            throw new RsvFormatException(rsv + " holds no whole video frame (" + result.notes().get(0) + ")");
        }
        if (sink.rtmd != null && sink.rtmd.sampleCount() > 0) {
            sink.movie.addTrack(layout.rtmd().spec(), sink.rtmd, layout.rtmd().referenceTrackId(), sink.rtmdEnd);
        }
        List<String> warnings = new ArrayList<>(result.notes());
        if (layout.rtmd() == null) {
            warnings.add("the reference has no rtmd track: the rtmd packets are left in the media data, unindexed");
        }
        return sink.movie.write(in, 0, out, RepairKind.RSV_REBUILT_FROM_REFERENCE, result.skipped(), warnings);
    }

    /** True when the file starts with an rtmd packet header, as every RSV file does. */
    public static boolean isRsv(Path file) throws IOException {
        try (BrokenFile in = BrokenFile.open(file)) {
            return RsvLayout.startsWithRtmd(in.head());
        }
    }

    /** Feeds what the parser finds into the rebuilt movie and the rtmd track's tables. */
    private static final class Collector implements GopParser.Sink {
        final RebuiltMovie movie;
        final SampleTableBuilder rtmd;
        long rtmdEnd;
        private final RsvLayout layout;
        private final RepairOptions options;
        private long videoEnd = -1;

        Collector(RsvLayout layout, RepairOptions options) {
            this.layout = layout;
            this.options = options;
            this.movie = new RebuiltMovie(layout.model());
            this.rtmd = layout.rtmd() == null ? null : new SampleTableBuilder();
        }

        @Override
        public void rtmd(long offset, long packetSize, int packets) {
            if (rtmd == null) {
                return;
            }
            rtmd.startChunk(offset, 1);
            for (int i = 0; i < packets; i++) {
                rtmd.addSample(packetSize, layout.rtmd().sampleDuration(), 0, true);
            }
            rtmdEnd = offset + packets * packetSize;
        }

        @Override
        public void frame(long offset, Match frame) {
            movie.add(layout.video(), offset, frame, offset != videoEnd);
            videoEnd = offset + frame.length();
        }

        @Override
        public void audio(int track, long offset, long bytes, long frames) {
            movie.add(layout.audio().get(track), offset, new Match(bytes, true, frames, 0, 0, null), true);
        }

        @Override
        public void progress(long done, long total) {
            options.progress().progress(done, total);
        }
    }
}
