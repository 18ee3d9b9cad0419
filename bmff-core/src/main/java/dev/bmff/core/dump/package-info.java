/**
 * Readable dumps: the box tree as text or JSON ({@code bmff inspect}), the key fields of each box, and the small
 * JSON encoder the command line and the reports share.
 *
 * <pre>{@code
 * System.out.print(BoxTreeDump.text(BoxReader.read(path, ReadOptions.lenient())));
 * }</pre>
 */
package dev.bmff.core.dump;
