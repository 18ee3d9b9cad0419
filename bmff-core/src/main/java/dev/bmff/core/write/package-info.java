/**
 * Writing MP4 files, one writer per recording layout behind {@link dev.bmff.core.write.Mp4Writer}: standard
 * (one moov at the end), fragmented (moof+mdat as it goes), hybrid (fragmented while recording, a standard file
 * once closed) and segmented (a new file every few seconds); {@link dev.bmff.core.write.Remux} changes the
 * layout of an existing file without touching its media bytes, copying what
 * {@link dev.bmff.core.write.RemuxSource} reads from it (the tracks as specs, the samples in time order).
 *
 * <pre>{@code
 * try (Mp4Writer w = HybridWriter.create(path, List.of(video, audio), HybridWriter.Options.defaults())) {
 *     for (Sample s : samples) w.write(s);
 * }
 * }</pre>
 */
package dev.bmff.core.write;
