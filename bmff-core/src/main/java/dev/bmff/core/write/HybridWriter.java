package dev.bmff.core.write;

import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.core.io.PositionalWrites;
import dev.bmff.core.table.SampleTableBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer for recording: a fragmented MP4 while it records (so a crash leaves a file that plays up to
 * its last complete fragment), turned into a standard MP4 in place by {@link #close()} without moving any
 * media data.
 *
 * <p>The file starts with ftyp, a 16-byte {@code free} placeholder, and the fragmented moov; moof+mdat pairs
 * follow exactly as {@link FragmentedWriter} writes them. Meanwhile a {@link SampleTableBuilder} per track
 * remembers every sample, each traf's data being one chunk. {@code close()} then finalizes, forcing to
 * the device between the steps whatever the {@link Durability} (the order is what keeps every
 * intermediate state playable):
 * <ol>
 * <li>the last fragment;</li>
 * <li>the complete standard moov appended, its stco/co64 pointing at the samples inside the fragments'
 *     mdats; force (until step 4, readers take the first moov and see the fragmented file);</li>
 * <li>ftyp rewritten with standard brands, same length;</li>
 * <li>the placeholder overwritten with an mdat header (8 bytes, or 16 with a 64-bit size above 4 GiB)
 *     spanning up to the new moov, so the fragmented moov and every moof become hidden mdat payload;
 *     force.</li>
 * </ol>
 * Finalizing costs time in the number of samples (the tables), never in the size of the media.
 *
 * <pre>{@code
 * try (HybridWriter w = HybridWriter.create(path, List.of(video, audio), HybridWriter.Options.defaults())) {
 *     for (Sample s : samples) w.write(s);
 * }   // now a standard MP4; had the process died before, a fragmented one
 * }</pre>
 */
public final class HybridWriter extends FragmentFile {
    /**
     * How a hybrid file is written while recording.
     *
     * @param maxFragmentDuration the longest a fragment may get (the fragment length without video)
     * @param durability when fragments are forced to the device (finalizing always forces)
     * @param timelinePolicy what to do with a decode time that does not increase
     */
    public record Options(Duration maxFragmentDuration, Durability durability, TrackTimeline.Policy timelinePolicy) {
        public Options {
            new FragmentFile.Settings(maxFragmentDuration, durability, timelinePolicy); // checks the values
        }

        FragmentFile.Settings settings() {
            return new FragmentFile.Settings(maxFragmentDuration, durability, timelinePolicy);
        }

        /** Fragments of at most 2 s, forced after each, repaired times. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(2), Durability.everyFragment(), TrackTimeline.Policy.REPAIR);
        }

        public Options withMaxFragmentDuration(Duration d) {
            return new Options(d, durability, timelinePolicy);
        }

        public Options withDurability(Durability d) {
            return new Options(maxFragmentDuration, d, timelinePolicy);
        }

        public Options withTimelinePolicy(TrackTimeline.Policy p) {
            return new Options(maxFragmentDuration, durability, p);
        }
    }

    private final FragmentStream.WriteHook hook;
    private final SampleTableBuilder[] tables;
    private final long[] firstCts;
    private final long[] firstDts;
    private final long placeholderOffset;

    private HybridWriter(FileChannel channel, String name, List<TrackSpec> tracks, Options options,
            FragmentStream.WriteHook hook) throws IOException {
        super(channel, name, tracks, Headers.fragmentedHead(tracks, true, options.settings().movieBoxes()),
                options.settings(), hook);
        this.hook = hook;
        tables = new SampleTableBuilder[tracks.size()];
        firstCts = new long[tracks.size()];
        firstDts = new long[tracks.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new SampleTableBuilder();
            firstCts[i] = Long.MAX_VALUE;
            firstDts[i] = -1;
        }
        placeholderOffset = BoxWriter.toBytes(Brands.fragmented()).length;
    }

    /** Creates (or truncates) {@code path} and writes the file header. */
    public static HybridWriter create(Path path, List<TrackSpec> tracks, Options options) throws IOException {
        return FragmentFile.create(path, (ch, name) -> new HybridWriter(ch, name, tracks, options,
                FragmentStream.WriteHook.NONE));
    }

    /**
     * Writes to an open, empty channel; {@code hook} hears every single write, the finalize's included
     * (tests stop or slow the finalize there). The writer closes the channel.
     */
    static HybridWriter create(FileChannel channel, List<TrackSpec> tracks, Options options,
            FragmentStream.WriteHook hook) throws IOException {
        return new HybridWriter(channel, "channel", tracks, options, hook);
    }

    /**
     * Finalizes the file in place into a standard MP4 (see the class comment). Idempotent. After an I/O
     * error it only closes: a fragmented file up to the last committed fragment beats a half finalize.
     */
    @Override
    public void close() throws IOException {
        close("finalizing", this::finalizeInPlace);
    }

    private void finalizeInPlace(FragmentStream stream) throws IOException {
        FileChannel channel = channel();
        stream.finish();
        hook.afterWrite("last fragment written");

        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        for (int i = 0; i < tables.length; i++) {
            // stts starts the track at 0: its first presentation time counts from its first decode time.
            long first = firstCts[i] == Long.MAX_VALUE ? 0 : Math.max(0, firstCts[i] - firstDts[i]);
            // The first decode time places the track on the shared timeline: a late start gets an empty edit.
            media.add(new MovieBuilder.TrackMedia(tables[i], first, Math.max(0, firstDts[i])));
        }
        MovieBox moov = MovieBuilder.standard(tracks(), media);
        long moovOffset = stream.position();
        PositionalWrites.writeFully(channel, moovOffset, ByteBuffer.wrap(BoxWriter.toBytes(moov)));
        hook.afterWrite("standard moov appended");
        channel.force(false);

        PositionalWrites.writeFully(channel, 0, ByteBuffer.wrap(BoxWriter.toBytes(Brands.standard())));
        hook.afterWrite("ftyp rewritten");

        PositionalWrites.writeFully(channel, placeholderOffset,
                ByteBuffer.wrap(mdatHeader(moovOffset - placeholderOffset)));
        hook.afterWrite("placeholder is mdat");
        channel.force(false);
    }

    /** The header of an mdat of {@code size} bytes: 8 bytes, or 16 with a 64-bit size when needed. */
    static byte[] mdatHeader(long size) {
        return MdatHeader.forBoxSize(size).array();
    }

    @Override
    void committed(long moofOffset, long sequence, FragmentBuilder.Layout layout) {
        for (FragmentBuilder.Run run : layout.runs()) {
            SampleTableBuilder t = tables[run.track()];
            t.startChunk(moofOffset + run.dataOffset(), 1);
            for (Sample s : run.samples()) {
                if (firstDts[run.track()] < 0) {
                    firstDts[run.track()] = s.dts();
                }
                t.addSample(s.size(), s.duration(), s.compositionOffset(), s.sync());
                firstCts[run.track()] = Math.min(firstCts[run.track()], s.cts());
            }
        }
    }
}
