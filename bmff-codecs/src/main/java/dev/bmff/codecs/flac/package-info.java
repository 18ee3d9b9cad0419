/**
 * FLAC in ISO BMFF: {@link dev.bmff.codecs.flac.StreamInfo} (the {@code dfLa} box) and the frame header
 * ({@link dev.bmff.codecs.flac.FlacFrameHeader}) with its CRC-8, and the CRC-16 that ends every frame, which
 * together find a frame's exact boundaries in raw media data.
 */
package dev.bmff.codecs.flac;
