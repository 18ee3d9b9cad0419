package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.ReferenceModel;
import dev.bmff.recover.testing.LayoutGenerator;
import dev.bmff.recover.testing.LayoutGenerator.Layout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The media walk with AAC lengths parsed ahead on other threads ({@link AacLookahead}) finds exactly what the walk
 * on one thread finds: the same samples (offset, length, sync, chunk start, picture order) in every track and the
 * same skipped ranges with the same causes, on files in the layouts with AAC tracks ({@link LayoutGenerator}: GoPro,
 * iPhone, OBS with up to six AAC tracks) cut at a random point, some with a random stretch overwritten by noise, and
 * with regions small enough that every file spans many of them and the helpers start in the middle of samples.
 */
class AacLookaheadProperties {
    private static final Layout[] WITH_AAC = {Layout.GOPRO, Layout.IPHONE, Layout.OBS, Layout.CANON_PADDING};

    @Property(tries = 30)
    void sameWalkWithHelpers(@ForAll @IntRange(max = 3) int layout, @ForAll @LongRange(max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = 0.2, max = 1) double cut, @ForAll @IntRange(min = 1, max = 3) int helpers,
            @ForAll @IntRange(min = 4, max = 64) int regionKiB, @ForAll boolean damage) throws Exception {
        compare(WITH_AAC[layout], seed, cut, helpers, regionKiB, damage, true);
    }

    /**
     * The helpers are used: the main walk finds AAC lengths known (the property alone would pass without). The main
     * walk waits for each helper's region here, so no race decides it.
     */
    @Example
    void helpersParseForTheMainWalk() throws Exception {
        long hits = compare(Layout.OBS, 1, 1.0, 1, 16, false, false);
        assertTrue(hits > 100, hits + " lengths known");
    }

    /** Walks alone and with helpers, compares; the number of lengths the main walk found known. */
    private static long compare(Layout layout, long seed, double cut, int helpers, int regionKiB, boolean damage,
            boolean takeOver) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "aac-lookahead"));
        LayoutGenerator.Generated g = LayoutGenerator.generate(layout, seed, dir);
        Path broken = LayoutGenerator.broken(g, cut, dir.resolve("broken.mp4")).file();
        if (damage) {
            overwriteWithNoise(broken, new Random(seed));
        }
        ReferenceModel model = ModelLearner.learn(g.file());
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.READ)) {
            MediaLayout media = MediaLayout.find(ch);
            MediaWalker alone = walk(ch, media, model, MediaWalker.Sharing.NONE);
            MediaWindow window = new MediaWindow(ch, media.start(), media.end());
            long region = Math.max(4096, Math.min(regionKiB << 10, (media.end() - media.start()) / 3));
            MediaWalker.Sharing sharing = AacLookahead.start(window, model.tracks(), model.mediaBytes(),
                    RepairOptions.defaults(), helpers, region, takeOver);
            assertNotSame(MediaWalker.Sharing.NONE, sharing, "the file spans several regions: helpers must run");
            MediaWalker shared;
            try (sharing) {
                shared = new MediaWalker(window, model.tracks(), model.mediaBytes(), RepairOptions.defaults(),
                        sharing);
                shared.walk();
            }
            assertEquals(describe(alone), describe(shared), g.description() + ", cut " + cut + ", damage " + damage);
            return ((AacLookahead) sharing).hits();
        }
    }

    private static MediaWalker walk(FileChannel ch, MediaLayout media, ReferenceModel model,
            MediaWalker.Sharing sharing) throws IOException {
        MediaWalker w = new MediaWalker(new MediaWindow(ch, media.start(), media.end()), model.tracks(),
                model.mediaBytes(), RepairOptions.defaults(), sharing);
        w.walk();
        return w;
    }

    /** A few KiB of noise somewhere in the middle: the walk resynchronizes after it, the helpers too. */
    private static void overwriteWithNoise(Path file, Random r) throws IOException {
        long size = Files.size(file);
        byte[] noise = new byte[1 + r.nextInt(8192)];
        r.nextBytes(noise);
        long at = size / 4 + (long) (r.nextDouble() * (size / 2));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(noise), Math.min(at, Math.max(0, size - noise.length)));
        }
    }

    /** Everything the walk found, one line per sample and per skipped range. */
    private static List<String> describe(MediaWalker w) {
        List<String> out = new ArrayList<>();
        List<RecoveredTrack> found = w.found();
        for (int t = 0; t < found.size(); t++) {
            RecoveredTrack r = found.get(t);
            for (int i = 0; i < r.count(); i++) {
                out.add(t + " " + r.offset(i) + " " + r.length(i) + " " + r.sync(i) + " " + r.chunkStart(i) + " "
                        + r.poc(i) + " " + r.epoch(i));
            }
            out.add(t + " frames " + r.frames());
        }
        for (SkippedRange s : w.skipped()) {
            out.add("skipped " + s.offset() + " " + s.length() + " " + s.cause());
        }
        return out;
    }
}
