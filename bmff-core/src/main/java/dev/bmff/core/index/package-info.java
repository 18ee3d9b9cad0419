/**
 * The sample index: every sample of every track (offset, size, decode and composition time, duration, sync
 * flag) from the {@code stbl} tables and from movie fragments alike, in primitive arrays.
 *
 * <pre>{@code
 * SampleIndex index = SampleIndex.of(BoxReader.read(path, ReadOptions.strict()));
 * TrackSamples video = index.tracks().get(0);
 * long firstKeyframeOffset = video.offset(0);
 * }</pre>
 */
package dev.bmff.core.index;
