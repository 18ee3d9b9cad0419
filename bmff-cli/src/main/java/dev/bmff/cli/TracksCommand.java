package dev.bmff.cli;

import dev.bmff.codecs.entry.TrackInfo;
import dev.bmff.core.dump.Json;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bmff tracks FILE}: one JSON object per track with its codec parameters. */
final class TracksCommand implements Command {
    /** What a frame header needs of a first sample (an MP3 track's channel mode). */
    private static final int FIRST_BYTES = 16;

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
                  for AAC audio: sampleRate, channels, objectType
                  for PCM audio: sampleRate, channels, bitsPerSample
                  for FLAC and ALAC: format, sampleRate, channels, bitsPerSample (and
                    ALAC's bitrate)
                  for MP3, AC-3 and E-AC-3: format, sampleRate, channels, bitrate (MP3:
                    rate and channels from the first frame's header)
                Parameters come from the first sample description's configuration box.

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
        List<TrackInfo> tracks = tracks(index, file);
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

    /** Each track's info, with the first bytes of its first sample (read from {@code file}, which holds them). */
    private static List<TrackInfo> tracks(SampleIndex index, Path file) throws IOException {
        List<TrackInfo> out = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (TrackSamples t : index.tracks()) {
                byte[] head = null;
                if (t.sampleCount() > 0 && t.offset(0) >= 0 && t.offset(0) < in.size()) {
                    ByteBuffer b = ByteBuffer.allocate((int) Math.min(FIRST_BYTES, t.size(0)));
                    PositionalReads.readUpTo(in, t.offset(0), b);
                    head = Arrays.copyOf(b.array(), b.position());
                }
                out.add(TrackInfo.of(t, head));
            }
        }
        return out;
    }
}
