/**
 * JPEG images as Motion JPEG stores them, one per sample (or two fields for {@code mjpa}): the marker walk from
 * SOI to EOI that gives an image's exact length ({@link dev.bmff.codecs.jpeg.JpegImage}), the frame header
 * ({@link dev.bmff.codecs.jpeg.JpegFrameHeader}) and Apple's {@code mjpg} field header.
 */
package dev.bmff.codecs.jpeg;
