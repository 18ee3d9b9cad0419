/**
 * What every bmff module shares: {@link dev.bmff.core.FourCC} (box and codec types) and
 * {@link dev.bmff.core.BmffFormatException}, the one exception for a malformed or unsupported file, which names
 * the byte offset and the box path.
 *
 * <pre>{@code
 * try {
 *     BoxReader.read(path, ReadOptions.strict());
 * } catch (BmffFormatException e) {
 *     System.err.println(e.getMessage());   // "mdat at offset 40: box claims 5300000 bytes but only 1200 are left"
 * }
 * }</pre>
 */
package dev.bmff.core;
