/**
 * Apple ProRes (SMPTE RDD 36): the frame header every frame starts with
 * ({@link dev.bmff.codecs.prores.ProResFrameHeader}: size, {@code icpf}, picture size, chroma format, interlace mode,
 * colours, alpha) and the profiles ({@link dev.bmff.codecs.prores.ProResProfile}) the sample entry types name.
 */
package dev.bmff.codecs.prores;
