/**
 * AV1 (AV1 Bitstream and Decoding Process Specification; AV1 Codec ISO Media File Format Binding): OBU
 * headers and their {@code leb128} sizes ({@link dev.bmff.codecs.av1.ObuHeader}, {@link dev.bmff.codecs.av1.Obus}),
 * the sequence header ({@link dev.bmff.codecs.av1.SequenceHeader}), the first bits of a frame header that tell a key
 * frame and a shown frame ({@link dev.bmff.codecs.av1.FrameHeader}), temporal units as MP4 samples
 * ({@link dev.bmff.codecs.av1.TemporalUnit}) and the {@code av1C} record ({@link dev.bmff.codecs.av1.Av1Configuration}).
 */
package dev.bmff.codecs.av1;
