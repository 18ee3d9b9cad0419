package dev.bmff.cli;

import dev.bmff.codecs.entry.TrackInfo;
import dev.bmff.core.dump.Json;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bmff tracks FILE}: one JSON object per track with its codec parameters. */
final class TracksCommand implements Command {

    @Override
    public String name() {
        return "tracks";
    }

    @Override
    public String summary() {
        return "list the tracks with codec, size, profile, level, rate and channels (JSON lines)";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff tracks [--json] [--lenient] [--init INIT] FILE

                Prints one JSON object per line for each track of FILE:
                  track, handler, codec (sample entry type), timescale, samples, and
                  for H.264/HEVC video: width, height, profile (profile_idc), level (level_idc,
                    general_level_idc for HEVC), bitDepth, chroma ("4:2:0"...)
                  for MPEG-4 Part 2 (mp4v): width, height, profile (profile_and_level_indication),
                    profileName, level, bitDepth, chroma
                  for Motion JPEG and ProRes: width, height, profile, profileName ("Baseline", "HQ"),
                    bitDepth, chroma (from the first frame)
                  for AAC audio: sampleRate, channels, objectType
                  for PCM audio: sampleRate, channels, bitsPerSample
                  for FLAC and ALAC: format, sampleRate, channels, bitsPerSample (and
                    ALAC's bitrate)
                  for MP3, AC-3 and E-AC-3: format, sampleRate, channels, bitrate (MP3:
                    rate and channels from the first frame's header)
                Parameters come from the first sample description's configuration box (and for Motion JPEG,
                ProRes and MP3, from the first frame).

                  --json     one JSON document instead of lines: {"tracks": [the objects above],
                             "problems": [{"offset", "path", "message"}]}

                  --lenient  read what is consistent and list the problems on stderr
                  --init INIT  FILE is a media segment (CMAF, DASH, HLS .m4s) and INIT the init
                             segment that declares its tracks
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", "--lenient"), Set.of("--init"));
        Path file = Main.existingFile(args.one("FILE"));
        ReadOptions options = args.has("--lenient") ? ReadOptions.lenient() : ReadOptions.strict();
        ReadResult result = SamplesCommand.read(file, args.value("--init"), options);
        SampleIndex index = SampleIndex.of(result, options.mode());
        List<TrackInfo> tracks;
        try (FileChannel media = FileChannel.open(file)) {
            tracks = TrackInfo.of(index, media);
        }
        if (args.has("--json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("tracks", tracks.stream().map(TrackInfo::fields).toList());
            List<ReadProblem> problems = new ArrayList<>(result.problems());
            problems.addAll(index.problems());
            doc.put("problems", problems.stream().map(SamplesCommand::problem).toList());
            out.println(Json.encode(doc));
            return 0;
        }
        for (TrackInfo t : tracks) {
            out.println(Json.encode(t.fields()));
        }
        result.problems().forEach(p -> err.println("bmff: problem: " + p));
        index.problems().forEach(p -> err.println("bmff: problem: " + p));
        return 0;
    }
}
