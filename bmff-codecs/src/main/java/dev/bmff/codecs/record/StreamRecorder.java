package dev.bmff.codecs.record;

import dev.bmff.codecs.aac.AdtsReader;
import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.access.AccessUnit;
import dev.bmff.codecs.access.AccessUnitAssembler;
import dev.bmff.codecs.access.AnnexBPipeline;
import dev.bmff.codecs.access.ParameterSetPlacement;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.AudioSampleEntries;
import dev.bmff.codecs.entry.Bitrate;
import dev.bmff.codecs.entry.HdrMetadata;
import dev.bmff.codecs.entry.VideoSampleEntries;
import dev.bmff.codecs.h264.Sps;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Records an Annex B H.264 or HEVC stream, and optionally an ADTS AAC stream, into any {@link Mp4Writer}:
 * what {@code bmff record} does, for library users.
 *
 * <p>Video: the {@link AccessUnitAssembler} cuts the stream into pictures (starting at the first keyframe;
 * the parameter sets go into {@code avcC}/{@code hvcC}). Decode times are {@code index * frameDuration} at
 * the given frame rate in a 90 kHz timescale (or the frame rate's own when 90000 is not a multiple of it);
 * with {@link Options#wallclock()} they are the time each picture arrived instead, like ffmpeg's
 * {@code use_wallclock_as_timestamps} (times that do not increase are repaired by the writer's timeline).
 * Composition offsets follow the pictures' POC order: a picture is presented once more pictures wait than
 * the SPS's reorder depth allows ({@code max_num_reorder_frames} / {@code sps_max_num_reorder_pics}; 16, the
 * most any stream may use, when the SPS does not say), so each offset is known at most that many pictures
 * later; the first picture's offset (the reorder depth, in frames) is trimmed by the writer's edit list.
 *
 * <p>Audio: each ADTS frame is one sample of 1024 PCM samples at the ADTS sample rate; the encoder's 1024
 * priming samples are trimmed by an edit list. Audio frames are interleaved by time: before each picture,
 * the audio frames that start at or before its decode time are written.
 *
 * <p>Three threads share the work: an {@link AnnexBPipeline} reads the video and finds its start codes, the
 * caller's thread assembles pictures and times them, and a writer thread writes (and forces fragments)
 * behind a queue of at most 64 MiB of samples; the output is byte for byte what one thread would write.
 *
 * <p>{@link #stop()} may be called from another thread (a shutdown hook on Ctrl-C): it writes what is
 * complete and closes the writer, after which {@link #run} returns.
 *
 * <pre>{@code
 * StreamRecorder r = new StreamRecorder(VideoCodec.H264, StreamRecorder.Options.defaults(),
 *         tracks -> HybridWriter.create(Path.of("out.mp4"), tracks, HybridWriter.Options.defaults()));
 * StreamRecorder.Summary s = r.run(System.in, null);
 * }</pre>
 */
public final class StreamRecorder {
    /** Opens the writer once the tracks are known (after the first keyframe and the first audio frame). */
    @FunctionalInterface
    public interface WriterFactory {
        Mp4Writer open(List<TrackSpec> tracks) throws IOException;
    }

    /** Hears each picture written (for a progress display). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (frames, seconds) -> { };

        void picture(long frames, double mediaSeconds);
    }

    /**
     * How to time the samples.
     *
     * @param fpsNumerator frame rate numerator (25, or 30000 for 30000/1001)
     * @param fpsDenominator frame rate denominator (1, or 1001)
     * @param wallclock decode times from the arrival time of each picture instead of the frame rate
     * @param placement where parameter sets go ({@code OUT_OF_BAND}: avc1/hvc1)
     * @param progress hears each picture written
     */
    public record Options(int fpsNumerator, int fpsDenominator, boolean wallclock, ParameterSetPlacement placement,
            Progress progress) {
        public Options {
            if (fpsNumerator < 1 || fpsDenominator < 1 || (double) fpsNumerator / fpsDenominator > 1000) {
                throw new IllegalArgumentException("frame rate must be positive and at most 1000: " + fpsNumerator
                        + "/" + fpsDenominator);
            }
            if (placement == null || progress == null) {
                throw new IllegalArgumentException("placement and progress are required");
            }
        }

        /** 25 fps from the frame count, parameter sets out of band, no progress. */
        public static Options defaults() {
            return new Options(25, 1, false, ParameterSetPlacement.OUT_OF_BAND, Progress.NONE);
        }

        public Options withFrameRate(int numerator, int denominator) {
            return new Options(numerator, denominator, wallclock, placement, progress);
        }

        public Options withWallclock(boolean on) {
            return new Options(fpsNumerator, fpsDenominator, on, placement, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(fpsNumerator, fpsDenominator, wallclock, placement, p);
        }

        /**
         * Where parameter sets go, and so the sample entry: {@code OUT_OF_BAND} (the default) writes {@code avc1} /
         * {@code hvc1}, the entry every player takes (Safari, Chromium's MSE and Apple's HLS refuse {@code hev1});
         * {@code IN_BAND} writes {@code avc3} / {@code hev1}, for a stream whose parameter sets change midway.
         */
        public Options withPlacement(ParameterSetPlacement p) {
            return new Options(fpsNumerator, fpsDenominator, wallclock, p, progress);
        }
    }

    /**
     * What was recorded.
     *
     * @param videoFrames pictures written
     * @param audioFrames AAC frames written
     * @param droppedBeforeKeyframe pictures dropped because they came before the first keyframe
     * @param stopped true when {@link #stop()} ended the recording (not the end of the input)
     */
    public record Summary(long videoFrames, long audioFrames, long droppedBeforeKeyframe, boolean stopped) {
    }

    /** PCM samples per AAC frame (AAC-LC; what ADTS carries). */
    static final int AAC_FRAME = 1024;
    private static final long VIDEO_TIMESCALE = 90_000;

    private final VideoCodec codec;
    private final Options options;
    private final WriterFactory factory;
    private final AccessUnitAssembler assembler;
    private final long timescale;
    private final long frameDuration;
    private final Object lock = new Object();

    private AdtsReader audio;
    private AdtsReader.Frame nextAudio;
    private AudioSpecificConfig asc;
    private ReorderBuffer reorderBuffer;
    private Mp4Writer writer;
    private long startNanos = -1;
    private long videoFrames;
    private long audioFrames;
    private boolean stopped;
    private boolean stoppedBySignal;
    /**
     * Reading and start-code scanning ({@link AnnexBPipeline}), access-unit assembly (the caller's thread)
     * and writing ({@link QueuedWriter}) on three threads; false runs all of it on the caller's thread, as
     * the tests' reference for the output bytes.
     */
    private boolean pipelined = true;

    public StreamRecorder(VideoCodec codec, Options options, WriterFactory factory) {
        if (codec == null || options == null || factory == null) {
            throw new IllegalArgumentException("codec, options and writer factory are required");
        }
        this.codec = codec;
        this.options = options;
        this.factory = factory;
        this.assembler = codec == VideoCodec.HEVC ? AccessUnitAssembler.hevc(options.placement())
                : AccessUnitAssembler.h264(options.placement());
        // 90 kHz when a frame is a whole number of ticks (25, 30, 50, 60, 30000/1001...), else the rate's own.
        long num = options.fpsNumerator();
        long den = options.fpsDenominator();
        if (VIDEO_TIMESCALE * den % num == 0) {
            timescale = VIDEO_TIMESCALE;
            frameDuration = VIDEO_TIMESCALE * den / num;
        } else {
            long k = Math.max(1, (1000 + num - 1) / num);
            timescale = num * k;
            frameDuration = den * k;
        }
    }

    /** Everything on the caller's thread (see {@link #pipelined}): the tests' reference. */
    StreamRecorder sequential() {
        pipelined = false;
        return this;
    }

    /** The video timescale and the duration of one frame in it. */
    public long videoTimescale() {
        return timescale;
    }

    public long frameDuration() {
        return frameDuration;
    }

    /**
     * Reads {@code video} (and {@code audio}, may be null) to their end or until {@link #stop()}, writing
     * every picture and audio frame; closes the writer. Does not close the streams.
     *
     * @throws IOException reading or writing failed, or the video held no keyframe
     */
    public Summary run(InputStream video, InputStream audioStream) throws IOException {
        audio = audioStream == null ? null : new AdtsReader(audioStream);
        AnnexBPipeline pipeline = pipelined ? AnnexBPipeline.start(video, assembler) : null;
        try {
            if (pipeline != null) {
                for (AnnexBPipeline.Batch b; (b = pipeline.next()) != null; ) {
                    synchronized (lock) {
                        if (stopped) {
                            break;
                        }
                        for (AccessUnit u : b.units()) {
                            accept(u, b.readNanos());
                        }
                    }
                }
            } else {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = video.read(buf)) > 0; ) {
                    synchronized (lock) {
                        if (stopped) {
                            break;
                        }
                        long now = System.nanoTime();
                        for (AccessUnit u : assembler.push(buf, 0, n)) {
                            accept(u, now);
                        }
                    }
                }
            }
            synchronized (lock) {
                if (!stopped) {
                    long now = System.nanoTime();
                    for (AccessUnit u : assembler.finish()) {
                        accept(u, now);
                    }
                    if (writer != null) {
                        drainPictures();
                        while (nextAudio() != null) {
                            writeAudio();
                        }
                    }
                    finish();
                }
            }
        } catch (BitstreamException e) {
            synchronized (lock) {
                finish();
            }
            throw new IOException("the video stream is not valid " + codec + " Annex B: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                try {
                    finish();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        synchronized (lock) {
            if (videoFrames == 0 && !stoppedBySignal) {
                throw new IOException("the video stream held no " + (codec == VideoCodec.HEVC ? "IRAP" : "IDR")
                        + " picture (and parameter sets) to start a recording at"
                        + (assembler.droppedAccessUnits() > 0 ? "; " + assembler.droppedAccessUnits()
                                + " pictures were dropped" : ""));
            }
            return new Summary(videoFrames, audioFrames, assembler.droppedAccessUnits(), stoppedBySignal);
        }
    }

    /**
     * Ends the recording from another thread: the pictures whose offsets wait for later ones are written,
     * the writer is closed (finalized), and {@link #run} returns after its current read. Idempotent.
     */
    public void stop() throws IOException {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stoppedBySignal = true;
            if (writer != null) {
                drainPictures();
            }
            finish();
        }
    }

    private void finish() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        if (writer != null) {
            writer.close();
        }
    }

    private void accept(AccessUnit u, long now) throws IOException {
        if (writer == null) {
            open(u);
        }
        if (startNanos < 0) {
            startNanos = now;
        }
        for (ReorderBuffer.Timed t : reorderBuffer.push(u, now)) {
            writePicture(t);
        }
    }

    /** The HDR10 SEI messages of the first picture; none when its SEI does not parse (the stream still records). */
    private static HdrMetadata hdr(AccessUnit first, int lengthSize, boolean hevc) {
        try {
            return HdrMetadata.of(first.sample(), lengthSize, hevc);
        } catch (BitstreamException e) {
            return HdrMetadata.NONE;
        }
    }

    /** Opens the writer at the first keyframe {@code first}, whose SEI messages may carry HDR10 metadata. */
    private void open(AccessUnit first) throws IOException {
        TrackSpec video;
        int reorder = 16;
        // The entry says where the parameter sets are: avc3/hev1 only when the samples carry them.
        boolean inBand = options.placement() == ParameterSetPlacement.IN_BAND;
        try {
            if (codec == VideoCodec.HEVC) {
                var c = assembler.hevcConfiguration().orElseThrow(() -> new IOException(
                        "an HEVC keyframe came without a VPS, SPS and PPS before it"));
                video = TrackSpec.video(VideoSampleEntries.withHdr(VideoSampleEntries.hevc(c, inBand, Bitrate.NONE),
                        hdr(first, c.nalLengthSize(), true)), timescale);
                reorder = hevcReorder(c.nalUnits(33));
            } else {
                var c = assembler.avcConfiguration().orElseThrow(() -> new IOException(
                        "an H.264 IDR picture came without an SPS and PPS before it"));
                video = TrackSpec.video(VideoSampleEntries.withHdr(VideoSampleEntries.avc(c, inBand, Bitrate.NONE),
                        hdr(first, c.nalLengthSize(), false)), timescale);
                reorder = avcReorder(c.sequenceParameterSets());
            }
        } catch (BitstreamException e) {
            throw new IOException("the stream's parameter sets do not parse: " + e.getMessage(), e);
        }
        reorderBuffer = new ReorderBuffer(reorder);
        List<TrackSpec> tracks = new ArrayList<>();
        tracks.add(video);
        if (audio != null && nextAudio() != null) {
            try {
                asc = nextAudio.header().toAudioSpecificConfig();
            } catch (BitstreamException e) {
                throw new IOException("the first ADTS header does not make an AudioSpecificConfig: "
                        + e.getMessage(), e);
            }
            // The encoder's priming samples precede the first real one: the edit list skips them.
            tracks.add(TrackSpec.audio(AudioSampleEntries.aac(asc, Bitrate.NONE), asc.samplingFrequency())
                    .withEditList(List.of(new EditListBox.Entry(-1, AAC_FRAME, 1, 0))));
        }
        writer = factory.open(tracks);
        if (pipelined) {
            writer = new QueuedWriter(writer);
        }
    }

    /** max_num_reorder_frames of the first SPS's VUI (16, the inferred bound, without bitstream restrictions). */
    private static int avcReorder(List<Bytes> sps) {
        try {
            Sps s = Sps.parse(sps.get(0).toArray());
            return s.vui() == null ? 16 : Math.min(16, s.vui().maxNumReorderFrames());
        } catch (BitstreamException | RuntimeException e) {
            return 16;
        }
    }

    /** sps_max_num_reorder_pics of the highest sub-layer of the first SPS; 16 when it does not parse. */
    private static int hevcReorder(List<Bytes> sps) {
        try {
            var s = dev.bmff.codecs.hevc.Sps.parse(sps.get(0).toArray());
            return Math.min(16, s.subLayerOrdering().get(s.maxSubLayersMinus1()).maxNumReorderPics());
        } catch (BitstreamException | RuntimeException e) {
            return 16;
        }
    }

    private void drainPictures() throws IOException {
        if (reorderBuffer != null) {
            for (ReorderBuffer.Timed t : reorderBuffer.finish()) {
                writePicture(t);
            }
        }
    }

    private void writePicture(ReorderBuffer.Timed t) throws IOException {
        long dts = options.wallclock()
                ? Math.floorDiv((t.arrivalNanos() - startNanos) * timescale, 1_000_000_000L)
                : t.decodeIndex() * frameDuration;
        double seconds = (double) dts / timescale;
        // Audio that starts at or before this picture goes first, as a live source would deliver it.
        while (asc != null && nextAudio() != null
                && (double) audioFrames * AAC_FRAME / asc.samplingFrequency() <= seconds) {
            writeAudio();
        }
        writer.write(new Sample(0, t.unit().sample(), dts, Math.toIntExact(t.offsetFrames() * frameDuration),
                Sample.UNKNOWN_DURATION, t.unit().keyframe()));
        videoFrames++;
        options.progress().picture(videoFrames, seconds);
    }

    private AdtsReader.Frame nextAudio() throws IOException {
        if (nextAudio == null && audio != null) {
            nextAudio = audio.next();
        }
        return nextAudio;
    }

    private void writeAudio() throws IOException {
        writer.write(new Sample(1, Bytes.of(nextAudio.payload()), audioFrames * AAC_FRAME, 0, AAC_FRAME, true));
        audioFrames++;
        nextAudio = null;
    }
}
