package dev.bmff.cli;

import dev.bmff.core.dump.Json;
import dev.bmff.core.write.Remux;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bmff frag IN OUT} and {@code bmff defrag IN OUT}: change the layout, keep every media byte. */
final class RemuxCommand implements Command {
    private final boolean toFragmented;

    RemuxCommand(boolean toFragmented) {
        this.toFragmented = toFragmented;
    }

    @Override
    public String name() {
        return toFragmented ? "frag" : "defrag";
    }

    @Override
    public String summary() {
        return toFragmented ? "rewrite a file as fragmented MP4 (moof+mdat per keyframe), media bytes untouched"
                : "rewrite a fragmented or hybrid file as a standard MP4 (one moov), media bytes untouched";
    }

    @Override
    public String usage() {
        return "Usage: bmff " + name() + " [--json] [--[no-]progress]" + (toFragmented ? "" : " [--init INIT]")
                + " IN OUT\n\n"
                + (toFragmented
                        ? "Writes IN as a fragmented MP4: ftyp, a moov without samples, then one moof+mdat per\n"
                                + "video keyframe (at most 2 s), with default-base-is-moof and tfdt.\n"
                        : "Writes IN (fragmented, hybrid or standard) as a standard MP4 with one moov at the end.\n")
                + "Every sample is copied as it is, with its times, composition offset and keyframe flag.\n"
                + "Every track with samples is kept (timed metadata and timecode too), with its sample\n"
                + "description, edit list, tref, handler name and the boxes bmff does not model; so are\n"
                + "the movie's udta and meta. OUT must not exist; it is written to a temporary file and\n"
                + "renamed into place: on any failure nothing is left under its name.\n\n"
                + "  --json         print the result as one JSON object: input, output, layout, bytes\n"
                + (toFragmented ? "" : "  --init INIT    IN is a media segment (CMAF, DASH, HLS .m4s) and INIT the init\n"
                        + "                 segment that declares its tracks\n")
                + "  --progress     show the progress bar on stderr even when it is not a terminal\n"
                + "  --no-progress  never show it (default: shown when stderr is a terminal)\n";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", ProgressBar.ON, ProgressBar.OFF),
                toFragmented ? Set.of() : Set.of("--init"));
        if (args.positional.size() != 2) {
            throw new UsageException("expected IN and OUT, got " + args.positional.size() + " arguments");
        }
        Path in = Main.existingFile(args.positional.get(0));
        Path target = Path.of(args.positional.get(1));
        if (Files.exists(target)) {
            throw new UsageException(target + " exists; choose another output name");
        }
        ProgressBar bar = ProgressBar.of(args, err, name());
        Remux.Progress progress = bar.enabled() ? bar::update : Remux.Progress.NONE;
        if (toFragmented) {
            Remux.toFragmented(in, target, progress);
        } else if (args.value("--init") != null) {
            Remux.segmentToStandard(Main.existingFile(args.value("--init")), in, target, progress);
        } else {
            Remux.toStandard(in, target, progress);
        }
        bar.finish();
        long size = Files.size(target);
        if (args.has("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("input", in.toString());
            m.put("output", target.toString());
            m.put("layout", toFragmented ? "fragmented" : "standard");
            m.put("bytes", size);
            out.println(Json.encode(m));
        } else {
            out.println("wrote " + target + " (" + size + " bytes)");
        }
        return 0;
    }
}
