/**
 * The immutable box model: one record per box type of ISO/IEC 14496-12 that bmff understands (movie, track,
 * sample tables, fragments, sample entries), {@link dev.bmff.core.box.RawBox} for the others, and
 * {@link dev.bmff.core.box.FileRange} for media data left in the file rather than read into memory.
 *
 * <pre>{@code
 * MovieBox moov = BoxReader.read(path, ReadOptions.strict()).movie().orElseThrow();
 * for (TrackBox trak : moov.all(TrackBox.class)) {
 *     System.out.println(trak.first(TrackHeaderBox.class).orElseThrow());
 * }
 * }</pre>
 */
package dev.bmff.core.box;
