/**
 * Apple Lossless (ALAC): the magic cookie ({@link dev.bmff.codecs.alac.AlacConfig}) and
 * {@link dev.bmff.codecs.alac.AlacFrameParser}, which finds the exact length of a frame by walking its syntax, since
 * ALAC frames have neither a sync word nor a length.
 */
package dev.bmff.codecs.alac;
