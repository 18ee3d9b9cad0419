/**
 * Recording live streams: an Annex B H.264/HEVC stream and an ADTS AAC stream (a file, a pipe, stdin)
 * into any of the core's writers, with timestamps from a frame rate or the wall clock.
 *
 * <pre>{@code
 * new StreamRecorder(VideoCodec.H264, StreamRecorder.Options.defaults(),
 *         tracks -> HybridWriter.create(Path.of("out.mp4"), tracks, HybridWriter.Options.defaults()))
 *     .run(System.in, null);
 * }</pre>
 */
package dev.bmff.codecs.record;
