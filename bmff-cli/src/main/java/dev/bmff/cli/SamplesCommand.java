package dev.bmff.cli;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.dump.Json;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bmff samples FILE}: the sample index as CSV. */
final class SamplesCommand implements Command {
    static final String HEADER = "track,index,offset,size,dts,cts,duration,sync";

    @Override
    public String name() {
        return "samples";
    }

    @Override
    public String summary() {
        return "list every sample (offset, size, times, sync flag) as CSV";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff samples [--json] [--lenient] [--init INIT] FILE

                Prints the sample index of FILE as CSV with the header line
                  track,index,offset,size,dts,cts,duration,sync
                one line per sample, track by track in decode order. Times are in the track's
                timescale (see `bmff inspect`, mdhd timescale); sync is 1 for a keyframe. Samples
                come from the moov's sample tables and from movie fragments alike.

                  --json     one JSON document instead: {"tracks": [{"track", "timescale",
                             "samples": [{"index", "offset", "size", "dts", "cts", "duration",
                             "sync"}]}], "problems": [{"offset", "path", "message"}]}
                  --lenient  index what is consistent and list the problems on stderr
                             (default: the first inconsistency is an error); bytes after the
                             last box that are not a box (a camera's trailer) are one problem
                  --init INIT  FILE is a media segment (CMAF, DASH, HLS .m4s) and INIT the init
                             segment that declares its tracks; offsets are those of FILE
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", "--lenient"), Set.of("--init"));
        Path file = Main.existingFile(args.one("FILE"));
        ReadOptions options = args.has("--lenient") ? ReadOptions.lenient() : ReadOptions.strict();
        ReadResult result = read(file, args.value("--init"), options);
        SampleIndex index = SampleIndex.of(result, options.mode());
        if (args.has("--json")) {
            json(index, result, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
            return 0;
        }
        // Millions of lines of digits: formatted straight into bytes (AsciiLines), the commonest use of the
        // command and most of its time after the start.
        AsciiLines w = new AsciiLines(out);
        w.put(HEADER).put('\n');
        for (TrackSamples t : index.tracks()) {
            long track = t.trackId();
            for (int i = 0; i < t.sampleCount(); i++) {
                w.put(track).put(',').put(i).put(',').put(t.offset(i)).put(',').put(t.size(i)).put(',')
                        .put(t.dts(i)).put(',').put(t.cts(i)).put(',').put(t.duration(i)).put(',')
                        .put(t.isSync(i) ? '1' : '0').put('\n');
            }
        }
        w.flush();
        for (ReadProblem p : result.problems()) {
            err.println("bmff: problem: " + p);
        }
        for (ReadProblem p : index.problems()) {
            err.println("bmff: problem: " + p);
        }
        return 0;
    }

    /** The index as one JSON document, written sample by sample: a file may have millions. */
    private static void json(SampleIndex index, ReadResult result, BufferedWriter w) throws IOException {
        StringBuilder sb = new StringBuilder(128);
        w.write("{\"tracks\":[");
        for (int k = 0; k < index.tracks().size(); k++) {
            TrackSamples t = index.tracks().get(k);
            w.write((k == 0 ? "" : ",") + "{\"track\":" + t.trackId() + ",\"timescale\":" + t.timescale()
                    + ",\"samples\":[");
            for (int i = 0; i < t.sampleCount(); i++) {
                sb.setLength(0);
                sb.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"offset\":")
                        .append(t.offset(i)).append(",\"size\":").append(t.size(i)).append(",\"dts\":")
                        .append(t.dts(i)).append(",\"cts\":").append(t.cts(i)).append(",\"duration\":")
                        .append(t.duration(i)).append(",\"sync\":").append(t.isSync(i)).append('}');
                w.append(sb);
            }
            w.write("]}");
        }
        List<ReadProblem> problems = new ArrayList<>(result.problems());
        problems.addAll(index.problems());
        w.write("],\"problems\":" + Json.encode(problems.stream().map(SamplesCommand::problem).toList()) + "}\n");
        w.flush();
    }

    /** A read problem as a JSON-ready map, with the field names of {@code bmff verify --json}. */
    static Map<String, Object> problem(ReadProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offset", p.offset());
        m.put("path", p.boxPath());
        m.put("message", p.message());
        return m;
    }

    /**
     * FILE, or the media segment FILE read with its init segment INIT (offsets stay those of FILE). A lone media
     * segment is refused with a hint: without its init segment it has no tracks.
     */
    static ReadResult read(Path file, String init, ReadOptions options) throws java.io.IOException, UsageException {
        if (init != null) {
            return Segments.read(Main.existingFile(init), file, options);
        }
        ReadResult result = BoxReader.read(file, options);
        if (Segments.isMediaSegment(result)) {
            // The file cannot be read as it is (exit 1, like any unreadable file); the message says what helps.
            throw new BmffFormatException(BmffFormatException.Kind.UNSUPPORTED, 0, "", file + " is a media segment"
                    + " (movie fragments, no moov): give its init segment with --init INIT");
        }
        return result;
    }
}
