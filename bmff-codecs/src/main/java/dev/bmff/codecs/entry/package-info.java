/**
 * Sample-entry builders: a codec configuration in, the core's sample entry boxes out ({@code avc1},
 * {@code avc3}, {@code hvc1}, {@code hev1}, {@code mp4a}, {@code twos}, {@code sowt}); and the reverse,
 * {@link dev.bmff.codecs.entry.CodecParameters}, which decodes what a sample entry says about its stream.
 *
 * <pre>{@code
 * VisualSampleEntry avc1 = VideoSampleEntries.avc(avcC, false, Bitrate.NONE);
 * CodecParameters p = CodecParameters.of(avc1);   // "H.264 High@3.0 320x240 8-bit 4:2:0"
 * }</pre>
 */
package dev.bmff.codecs.entry;
