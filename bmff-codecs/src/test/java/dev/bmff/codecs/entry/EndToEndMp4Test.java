package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.access.AccessUnit;
import dev.bmff.codecs.access.AccessUnitAssembler;
import dev.bmff.codecs.access.AnnexBMedia;
import dev.bmff.codecs.access.ParameterSetPlacement;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.box.VisualSampleEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Annex B -> assembler -> sample entry -> a tiny MP4 written with the core's boxes; ffprobe must describe it as
 * it describes the source stream, and ffmpeg must decode it without a message.
 */
class EndToEndMp4Test {
    private static final List<String> KEYS = List.of("codec_name", "profile", "level", "width", "height", "pix_fmt");

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void assembledStream_inTinyMp4_probesLikeSourceAndDecodesCleanly(AnnexBMedia media) throws Exception {
        for (ParameterSetPlacement placement : ParameterSetPlacement.values()) {
            AccessUnitAssembler asm = media.assembler(placement);
            List<AccessUnit> units = new ArrayList<>(asm.push(Files.readAllBytes(media.stream())));
            units.addAll(asm.finish());
            boolean inBand = placement == ParameterSetPlacement.IN_BAND;
            VisualSampleEntry entry = media.hevc()
                    ? VideoSampleEntries.hevc(asm.hevcConfiguration().orElseThrow(), inBand, Bitrate.NONE)
                    : VideoSampleEntries.avc(asm.avcConfiguration().orElseThrow(), inBand, Bitrate.NONE);
            Path out = media.stream().resolveSibling(media.name() + "-" + placement + "-tiny.mp4");
            TinyMp4.write(out, entry, units, 12800, 512);
            for (String key : KEYS) {
                assertEquals(probe(media.stream(), key), probe(out, key), out + " " + key);
            }
            assertEquals("", ExternalTools.decodeErrors(out), out + " ffmpeg -v error");
            assertEquals(String.valueOf(units.size()), probeCount(out), out + " frames");
        }
    }

    static String probe(Path file, String key) {
        String json = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of",
                "json", file.toString());
        Matcher m = Pattern.compile("\"" + key + "\": (\"[^\"]*\"|-?\\d+)").matcher(json);
        return m.find() ? m.group(1) : "(none)";
    }

    static String probeCount(Path file) {
        return ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).strip();
    }

}
