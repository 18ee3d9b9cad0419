package dev.bmff.codecs.aac;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AAC LC test media for {@link RawDataBlockParserTest}: the fixtures with an AAC track, and short clips
 * ffmpeg's native encoder makes at test time into {@code target/aac-raw/} (kept between runs, never
 * committed) to reach every spectral codebook and tool it can emit: 7.35 to 96 kHz, mono to 7.1 (and
 * channel configuration 0 layouts, which carry a PCE), 16k to 512k, tonal, noise, silent, swept and
 * impulsive sources (the impulses force short windows), both coders, and M/S, intensity, PNS and TNS
 * switched on and off.
 */
final class AacCorpus {
    private AacCorpus() {
    }

    /** A clip: file name, lavfi source, duration in seconds, then encoder arguments. */
    record Clip(String name, String source, String seconds, List<String> args) {
    }

    static String sine(int rate, int hz) {
        return "sine=frequency=" + hz + ":sample_rate=" + rate;
    }

    static String noise(String color, int rate, int seed) {
        return "anoisesrc=color=" + color + ":sample_rate=" + rate + ":amplitude=0.8:seed=" + seed;
    }

    static String eval(int rate, String layout, String... channels) {
        return "aevalsrc=exprs='" + String.join("|", channels) + "':s=" + rate + (layout == null ? "" : ":c=" + layout);
    }

    static final String CHIRP = "0.6*sin(2*PI*(40+6000*t)*t)";
    static final String CLICKS = "if(lt(mod(t,0.09),0.0015),0.95,0)+0.05*sin(2*PI*330*t)";
    static final String RANDOM = "0.9*random(0)-0.45";
    static final String TONES = "0.3*sin(2*PI*523*t)+0.2*sin(2*PI*3150*t)+0.1*sin(2*PI*9000*t)";

    static List<Clip> clips() {
        List<Clip> c = new ArrayList<>();
        c.add(clip("m7350-sine-16k", sine(7350, 300), "3", "-ac", "1", "-b:a", "16k"));
        c.add(clip("m8k-clicks-24k", eval(8000, null, CLICKS), "3", "-ac", "1", "-b:a", "24k"));
        c.add(clip("s11k-pink-32k", noise("pink", 11025, 1), "2", "-ac", "2", "-b:a", "32k"));
        c.add(clip("m12k-chirp-48k", eval(12000, null, CHIRP), "2", "-ac", "1", "-b:a", "48k"));
        c.add(clip("s16k-white-64k", noise("white", 16000, 2), "2", "-ac", "2", "-b:a", "64k"));
        c.add(clip("s22k-clicks-48k", eval(22050, null, CLICKS, TONES), "1.5", "-b:a", "48k"));
        c.add(clip("m24k-pink-96k", noise("pink", 24000, 3), "1.5", "-ac", "1", "-b:a", "96k"));
        c.add(clip("s32k-chirp-128k", eval(32000, null, CHIRP, RANDOM), "1", "-b:a", "128k"));
        c.add(clip("s44k-clicks-128k-fast", eval(44100, null, CLICKS, CHIRP), "1", "-b:a", "128k",
                "-aac_coder", "fast"));
        c.add(clip("s44k-white-512k", noise("white", 44100, 4), "1", "-ac", "2", "-b:a", "512k"));
        c.add(clip("s44k-pink-24k-is-pns", eval(44100, null, "0.5*random(0)-0.25+" + TONES,
                "0.5*random(1)-0.25+0.8*" + TONES), "1.5", "-b:a", "24k", "-aac_is", "1", "-aac_pns", "1"));
        c.add(clip("s44k-pink-160k-fast-plain", noise("pink", 44100, 5), "1", "-ac", "2", "-b:a", "160k",
                "-aac_coder", "fast", "-aac_pns", "0", "-aac_is", "0", "-aac_tns", "0", "-aac_ms", "0"));
        c.add(clip("s48k-pink-256k-ms", eval(48000, null, "0.4*random(0)-0.2+" + TONES, "0.4*random(0)-0.2+"
                + TONES + "+0.01*random(1)"), "1", "-b:a", "256k", "-aac_ms", "1"));
        c.add(clip("s48k-silence-64k", "anullsrc=r=48000:cl=stereo", "1", "-b:a", "64k"));
        c.add(clip("s48k-clicks-96k-tns", eval(48000, null, CLICKS, "0.5*" + CLICKS), "1.5", "-b:a", "96k",
                "-aac_tns", "1"));
        c.add(clip("m48k-tones-320k", eval(48000, null, TONES), "1", "-b:a", "320k"));
        c.add(clip("s64k-white-320k", noise("white", 64000, 6), "1", "-ac", "2", "-b:a", "320k"));
        c.add(clip("s88k-chirp-256k", eval(88200, null, CHIRP, CLICKS), "1", "-b:a", "256k"));
        c.add(clip("s96k-pink-512k", noise("pink", 96000, 7), "1", "-ac", "2", "-b:a", "512k"));
        c.add(clip("m96k-clicks-64k", eval(96000, null, CLICKS), "1", "-b:a", "64k"));
        c.add(clip("s44k-chirp-anmr-96k", eval(44100, null, CHIRP, TONES), "0.5", "-b:a", "96k",
                "-aac_coder", "anmr", "-strict", "-2"));
        c.add(clip("s44k-pce-clicks-64k", eval(44100, null, CLICKS, RANDOM), "1", "-b:a", "64k", "-aac_pce", "1"));
        c.add(clip("c51-48k-192k", eval(48000, "5.1", TONES, RANDOM, CLICKS, "0.3*sin(2*PI*55*t)", CHIRP,
                "0.5*random(1)-0.25"), "1", "-b:a", "192k"));
        c.add(clip("c51-44k-384k-fast", eval(44100, "5.1", CHIRP, CLICKS, RANDOM, "0.3*sin(2*PI*70*t)", TONES,
                TONES), "1", "-b:a", "384k", "-aac_coder", "fast"));
        c.add(clip("c71-48k-320k", eval(48000, "7.1", TONES, RANDOM, CLICKS, "0.3*sin(2*PI*50*t)", CHIRP,
                "0.5*random(1)-0.25", CLICKS, TONES), "1", "-b:a", "320k"));
        c.add(clip("quad-32k-128k-pce", eval(32000, "quad", TONES, RANDOM, CLICKS, CHIRP), "1", "-b:a", "128k"));
        c.add(clip("c61-48k-256k-pce", eval(48000, "6.1", TONES, RANDOM, CLICKS, "0.3*sin(2*PI*50*t)", CHIRP,
                CLICKS, RANDOM), "1", "-b:a", "256k"));
        return c;
    }

    private static Clip clip(String name, String source, String seconds, String... args) {
        return new Clip(name + ".m4a", source, seconds, List.of(args));
    }

    /** The fixtures that have an AAC track. */
    static List<Path> fixtures() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path p : Fixtures.all()) {
            String n = p.getFileName().toString();
            if (n.endsWith(".mp4") || n.endsWith(".m4a") || n.endsWith(".mov")) {
                try {
                    if (!AacTestSupport.aacTracks(p).isEmpty()) {
                        out.add(p);
                    }
                } catch (Exception | AssertionError e) {
                    // not readable as an AAC-carrying file: not part of this corpus
                }
            }
        }
        return out;
    }

    /** The fixtures with an AAC track, then every clip, made in parallel (once). */
    static List<Path> fixturesAndClips() throws Exception {
        List<Path> made = clips().parallelStream().map(c -> {
            try {
                return make(c);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        List<Path> out = new ArrayList<>(fixtures());
        out.addAll(made);
        return out;
    }

    /** Makes the clip (once) and returns its path. */
    static Path make(Clip clip) throws Exception {
        Path dir = Path.of("target", "aac-raw");
        Files.createDirectories(dir);
        Path out = dir.resolve(clip.name());
        if (Files.exists(out)) {
            return out;
        }
        Path tmp = dir.resolve("tmp-" + clip.name());
        List<String> args = new ArrayList<>(List.of("-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                clip.source(), "-t", clip.seconds(), "-c:a", "aac"));
        args.addAll(clip.args());
        args.add(tmp.toString());
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, ExternalTools.withTool("ffmpeg", args));
        Files.move(tmp, out);
        return out;
    }
}
