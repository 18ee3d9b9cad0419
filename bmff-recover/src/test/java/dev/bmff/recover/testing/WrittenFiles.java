package dev.bmff.recover.testing;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files our own writers make from a fixture's samples, and the states a crash or an interrupted hybrid finalize
 * leaves them in.
 */
public final class WrittenFiles {
    private WrittenFiles() {
    }

    /** A fixture's tracks and samples (interleaved by decode time), its edit lists kept. */
    public record Source(List<TrackSpec> specs, List<Sample> samples) {
    }

    /**
     * {@code file} as {@link RemuxSource} reads it, every sample loaded; the edit lists in our movie timescale, for a
     * writer that writes its own movie header.
     */
    public static Source read(Path file) throws IOException {
        RemuxSource source = RemuxSource.read(file);
        List<Sample> samples = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(source.file())) {
            for (RemuxSource.Item item : source.samples()) {
                samples.add(source.read(ch, item));
            }
        }
        return new Source(source.specs(MovieBuilder.MOVIE_TIMESCALE), samples);
    }

    /** A complete file from FragmentedWriter (fragments of {@code fragmentMillis}, mfra at the end). */
    public static Path fragmented(Source src, long fragmentMillis, Path out) throws IOException {
        try (Mp4Writer w = FragmentedWriter.create(out, src.specs(), FragmentedWriter.Options.defaults()
                .withMaxFragmentDuration(Duration.ofMillis(fragmentMillis)))) {
            for (Sample s : src.samples()) {
                w.write(s);
            }
        }
        return out;
    }

    /** A complete, finalized file from HybridWriter. */
    public static Path hybrid(Source src, long fragmentMillis, Path out) throws IOException {
        try (Mp4Writer w = HybridWriter.create(out, src.specs(), HybridWriter.Options.defaults()
                .withMaxFragmentDuration(Duration.ofMillis(fragmentMillis)))) {
            for (Sample s : src.samples()) {
                w.write(s);
            }
        }
        return out;
    }

    /**
     * The states of a hybrid finalize (HybridWriter's class comment), rebuilt from the finalized file by undoing
     * its last writes: the placeholder back to {@code free}, the ftyp back to the fragmented brands, the appended
     * moov cut off.
     *
     * @param recording all fragments written, nothing of the finalize (what a kill while recording leaves, whole)
     * @param moovAppended the standard moov appended, headers not yet rewritten
     * @param ftypRewritten the ftyp rewritten too; only the placeholder is still {@code free}
     * @param finalized the complete file
     * @param moovOffset where the appended moov starts
     */
    public record HybridStates(byte[] recording, byte[] moovAppended, byte[] ftypRewritten, byte[] finalized,
            long moovOffset) {
    }

    public static HybridStates hybridStates(Path finalized) throws IOException {
        byte[] f = Files.readAllBytes(finalized);
        ReadResult r = BoxReader.read(finalized, ReadOptions.strict());
        BoxNode ftyp = r.nodes().get(0);
        BoxNode mdat = r.nodes().get(1);
        int placeholder = (int) ftyp.header().end();
        long moovOffset = mdat.header().end();
        byte[] ftypRewritten = f.clone();
        ByteBuffer.wrap(ftypRewritten, placeholder, 8).putInt(16).put(new byte[] {'f', 'r', 'e', 'e'});
        byte[] moovAppended = ftypRewritten.clone();
        byte[] fragmentedFtyp = BoxWriter.toBytes(new FileTypeBox(FourCC.of("ftyp"), FourCC.of("iso5"), 512,
                List.of(FourCC.of("iso5"), FourCC.of("iso6"), FourCC.of("isom"), FourCC.of("mp41"))));
        if (fragmentedFtyp.length != placeholder) {
            throw new IllegalStateException("ftyp of " + placeholder + " bytes, expected " + fragmentedFtyp.length);
        }
        System.arraycopy(fragmentedFtyp, 0, moovAppended, 0, fragmentedFtyp.length);
        byte[] recording = Arrays.copyOf(moovAppended, (int) moovOffset);
        return new HybridStates(recording, moovAppended, ftypRewritten, f, moovOffset);
    }

    /**
     * Where the complete fragments of a whole fragmented file end when the file is cut at {@code cut}: the end of
     * the last mdat that follows a moof and ends at or before the cut (0 when none does).
     */
    public static long completeFragmentsEnd(Path wholeFragmented, long cut) throws IOException {
        ReadResult r = BoxReader.read(wholeFragmented, ReadOptions.lenient());
        long end = 0;
        boolean afterMoof = false;
        for (BoxNode n : r.nodes()) {
            if (n.box() instanceof MovieFragmentBox) {
                afterMoof = true;
            } else if (n.header().type().toString().equals("mdat") && afterMoof) {
                if (n.header().end() <= cut) {
                    end = n.header().end();
                }
                afterMoof = false;
            } else if (n.box() instanceof MovieBox && end > 0) {
                break;
            }
        }
        return end;
    }

    /** {@code bytes} cut to {@code length} in {@code out}. */
    public static Path write(byte[] bytes, long length, Path out) throws IOException {
        Files.write(out, Arrays.copyOf(bytes, (int) length));
        return out;
    }
}
