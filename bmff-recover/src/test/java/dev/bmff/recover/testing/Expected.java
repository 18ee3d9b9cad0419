package dev.bmff.recover.testing;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What a repair must give back: per track, the sizes of the original's samples whose bytes end before a cut. */
public final class Expected {
    private Expected() {
    }

    /** Per track (in file order), the sizes of the samples fully present before {@code cut}, in decode order. */
    public static List<List<Long>> presentSizes(Path original, long cut) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(original, ReadOptions.strict()));
        List<List<Long>> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < t.sampleCount(); i++) {
                if (t.offset(i) + t.size(i) <= cut) {
                    sizes.add(t.size(i));
                }
            }
            out.add(sizes);
        }
        return out;
    }

    /** Per track, the sizes of all samples of {@code repaired} in decode order. */
    public static List<List<Long>> sizes(Path repaired) throws IOException {
        return presentSizes(repaired, Long.MAX_VALUE);
    }

    /**
     * Per track, "size,compositionOffset,duration,sync,sha1" of each sample of {@code file} in decode order, up to
     * (not including) the first that does not end at or before {@code limit}: {@link #samples} with each sample's
     * bytes, what a repair must keep byte for byte.
     */
    public static List<List<String>> contents(Path file, long limit) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        List<List<String>> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            for (TrackSamples t : index.tracks()) {
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < t.sampleCount() && t.offset(i) + t.size(i) <= limit; i++) {
                    byte[] b = PositionalReads.readFully(ch, t.offset(i), Math.toIntExact(t.size(i)));
                    rows.add(t.size(i) + "," + (t.cts(i) - t.dts(i)) + "," + t.duration(i) + "," + t.isSync(i) + ","
                            + sha1(b));
                }
                out.add(rows);
            }
        }
        return out;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Per track, "size,compositionOffset,duration,sync" of each sample of a whole file that ends at or before
     * {@code limit}, in decode order: what a repair must keep, times included.
     */
    public static List<List<String>> samples(Path file, long limit) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        List<List<String>> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < t.sampleCount() && t.offset(i) + t.size(i) <= limit; i++) {
                rows.add(t.size(i) + "," + (t.cts(i) - t.dts(i)) + "," + t.duration(i) + "," + t.isSync(i));
            }
            out.add(rows);
        }
        return out;
    }

    /**
     * One sample of a file and the MD5 of its bytes.
     *
     * @param trackId the id of its track
     * @param handler its track's handler ({@code vide}, {@code soun}, {@code meta}...)
     * @param index its place in the track, in decode order
     */
    public record SampleHash(long trackId, String handler, int index, long offset, long size, String md5) {
        public long end() {
            return offset + size;
        }
    }

    /** Every sample of {@code file}, track by track in decode order, with the MD5 of its bytes. */
    public static List<SampleHash> sampleHashes(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        List<SampleHash> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            MessageDigest md5 = md5();
            for (TrackSamples t : index.tracks()) {
                for (int i = 0; i < t.sampleCount(); i++) {
                    md5.update(map.slice(Math.toIntExact(t.offset(i)), Math.toIntExact(t.size(i))));
                    out.add(new SampleHash(t.trackId(), t.handlerType().toString(), i, t.offset(i), t.size(i),
                            HexFormat.of().formatHex(md5.digest())));
                }
            }
        }
        return out;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
