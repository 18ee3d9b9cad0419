package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Chromium;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.Mp4BoxJs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our RFC 6381 codecs strings are the ones mp4box.js (what hls.js and MSE pages use) derives from the same file. */
class CodecStringsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h264-aac.mp4", "hevc-aac.mp4", "hevc-main10.mp4", "h264-high10.mp4", "aac-51.m4a"})
    void sameAsMp4BoxJs(String fixture) throws IOException, BitstreamException {
        Path file = Fixtures.file(fixture);
        List<String> ours = new ArrayList<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks()) {
            ours.add(CodecStrings.of((SampleEntry) t.sampleDescriptions().get(0)).orElse("?"));
        }
        List<String> theirs = Mp4BoxJs.probe(file).tracks().stream().map(Mp4BoxJs.Track::codec).toList();
        assertEquals(theirs, ours);
    }

    @TempDir
    static Path media;

    /**
     * The codecs ffmpeg writes beside H.264/HEVC/AAC: mp4box.js names them the same (but for case: it repeats the
     * sample entry type, {@code Opus} and {@code fLaC}, where the bindings register {@code opus} and {@code flac}, and
     * writes the MP3 object type in lower case), and for MPEG-4 Visual it gives no profile, which we take from the VOS.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"av1-opus.mp4", "mpeg4-mp3.mp4", "flac.mp4", "ac3.mp4", "eac3.mp4", "alac.m4a"})
    void otherCodecs_sameAsMp4BoxJs(String name) throws IOException, BitstreamException {
        Path file = make(name);
        List<String> ours = ours(file);
        List<String> theirs = Mp4BoxJs.probe(file).tracks().stream().map(Mp4BoxJs.Track::codec).toList();
        assertEquals(theirs.size(), ours.size(), theirs + " vs " + ours);
        for (int i = 0; i < ours.size(); i++) {
            if (theirs.get(i).equals("mp4v")) {
                assertTrue(ours.get(i).matches("mp4v\\.20\\.\\d+"), ours.get(i));
            } else {
                assertEquals(theirs.get(i).toLowerCase(Locale.ROOT), ours.get(i).toLowerCase(Locale.ROOT));
            }
        }
        assertTrue(ours.stream().noneMatch(c -> c.equals("Opus") || c.equals("fLaC")), "browser names: " + ours);
    }

    /**
     * The strings a browser with the decoder takes: Chromium's MSE says yes to AV1, Opus and FLAC under ours, and its
     * {@code <video>} to MP3 (its MSE takes no MP3 in MP4 under any name).
     */
    @Test
    void chromiumTakesOurStrings() throws IOException, BitstreamException {
        List<String> codecs = new ArrayList<>(ours(make("av1-opus.mp4")));
        codecs.add(ours(make("flac.mp4")).get(0));
        String mp3 = "audio/mp4; codecs=\"" + ours(make("mpeg4-mp3.mp4")).get(1) + "\"";
        try (Chromium chrome = Chromium.start()) {
            for (String c : codecs) {
                String mime = (c.startsWith("av01") ? "video" : "audio") + "/mp4; codecs=\"" + c + "\"";
                assertTrue(chrome.isTypeSupported(mime), mime);
            }
            assertEquals("probably", chrome.canPlayType(mp3), mp3);
        }
    }

    private static List<String> ours(Path file) throws IOException, BitstreamException {
        List<String> ours = new ArrayList<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks()) {
            ours.add(CodecStrings.of((SampleEntry) t.sampleDescriptions().get(0)).orElse("?"));
        }
        return ours;
    }

    /** A fraction of a second of each codec, made by ffmpeg once per run. */
    private static Path make(String name) {
        Path file = media.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        List<String> video = List.of("-f", "lavfi", "-i", "testsrc=size=64x48:rate=25:duration=0.4");
        List<String> audio = List.of("-f", "lavfi", "-i", "sine=duration=0.4:sample_rate=48000");
        ExternalTools.require("ffmpeg");
        List<String> args = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        switch (name) {
            case "av1-opus.mp4" -> {
                args.addAll(video);
                args.addAll(audio);
                args.addAll(List.of("-c:v", "libaom-av1", "-cpu-used", "8", "-b:v", "50k", "-c:a", "libopus"));
            }
            case "mpeg4-mp3.mp4" -> {
                args.addAll(video);
                args.addAll(audio);
                args.addAll(List.of("-c:v", "mpeg4", "-c:a", "libmp3lame"));
            }
            case "flac.mp4" -> {
                args.addAll(audio);
                args.addAll(List.of("-c:a", "flac", "-strict", "-2"));
            }
            case "ac3.mp4", "eac3.mp4", "alac.m4a" -> {
                args.addAll(audio);
                args.addAll(List.of("-c:a", name.substring(0, name.indexOf('.'))));
            }
            default -> throw new IllegalArgumentException(name);
        }
        args.add(file.toString());
        ExternalTools.run(args.toArray(String[]::new));
        return file;
    }
}
