package dev.bmff.cli;

import dev.bmff.core.write.Remux;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        return "Usage: bmff " + name() + " IN OUT\n\n"
                + (toFragmented
                        ? "Writes IN as a fragmented MP4: ftyp, a moov without samples, then one moof+mdat per\n"
                                + "video keyframe (at most 2 s), with default-base-is-moof and tfdt.\n"
                        : "Writes IN (fragmented, hybrid or standard) as a standard MP4 with one moov at the end.\n")
                + "Every sample is copied as it is, with its times, composition offset and keyframe flag;\n"
                + "sample descriptions and edit lists are kept. OUT must not exist; it is written to a\n"
                + "temporary file and renamed into place.\n";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of());
        if (args.positional.size() != 2) {
            throw new UsageException("expected IN and OUT, got " + args.positional.size() + " arguments");
        }
        Path in = Main.existingFile(args.positional.get(0));
        Path target = Path.of(args.positional.get(1));
        if (Files.exists(target)) {
            throw new UsageException(target + " exists; choose another output name");
        }
        if (toFragmented) {
            Remux.toFragmented(in, target);
        } else {
            Remux.toStandard(in, target);
        }
        out.println("wrote " + target + " (" + Files.size(target) + " bytes)");
        return 0;
    }
}
