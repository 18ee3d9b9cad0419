/**
 * Reading and writing boxes: {@link dev.bmff.core.io.BoxReader} parses a file or channel into the box model,
 * strictly (the first problem is a {@link dev.bmff.core.BmffFormatException}) or leniently (problems are
 * collected in the {@link dev.bmff.core.io.ReadResult}); {@link dev.bmff.core.io.BoxWriter} serializes any
 * model, copying media data from a source channel without passing it through the heap.
 *
 * <pre>{@code
 * ReadResult r = BoxReader.read(path, ReadOptions.lenient());
 * r.problems().forEach(System.out::println);
 * }</pre>
 */
package dev.bmff.core.io;
