package dev.bmff.core.index;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.io.ReadProblem;
import java.util.List;

/** Throws in strict mode, records in lenient mode. */
final class IndexProblems {
    private final boolean lenient;
    private final List<ReadProblem> problems;

    IndexProblems(boolean lenient, List<ReadProblem> problems) {
        this.lenient = lenient;
        this.problems = problems;
    }

    void report(long offset, String path, String message, String action) throws BmffFormatException {
        if (!lenient) {
            throw BmffFormatException.malformed(offset, path, message);
        }
        problems.add(new ReadProblem(offset, path, message + "; " + action));
    }
}
