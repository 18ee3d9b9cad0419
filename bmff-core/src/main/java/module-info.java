/**
 * The ISO Base Media container: an immutable box model, a streaming reader with strict and lenient
 * modes, a writer that serializes any model, and a sample index over {@code stbl} tables and fragments.
 *
 * <pre>{@code
 * ReadResult file = BoxReader.read(Path.of("movie.mp4"), ReadOptions.strict());
 * SampleIndex index = SampleIndex.of(file);
 * }</pre>
 */
// The reference twins are exported to the benchmarks only; they run on the class path, where there is no
// module dev.bmff.benchmarks, hence "module not found" is expected.
@SuppressWarnings("module")
module dev.bmff.core {
    exports dev.bmff.core;
    exports dev.bmff.core.box;
    exports dev.bmff.core.io;
    exports dev.bmff.core.index;
    exports dev.bmff.core.dump;
    exports dev.bmff.core.table;
    exports dev.bmff.core.write;

    // The slow, obviously correct twin of the sample-table expansion: the property tests prove the fast path
    // equal to it and the benchmarks measure against it. Not API.
    exports dev.bmff.core.index.reference to dev.bmff.benchmarks;
}
