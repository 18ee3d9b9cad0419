/**
 * AAC: the decoder configuration ({@link dev.bmff.codecs.aac.AudioSpecificConfig} in
 * {@link dev.bmff.codecs.aac.EsDescriptor}), ADTS framing ({@link dev.bmff.codecs.aac.AdtsReader}), and
 * {@link dev.bmff.codecs.aac.RawDataBlockParser}, which finds the length of a raw AAC LC frame by walking
 * its syntax with the Huffman codebooks of ISO/IEC 14496-3 Annex 4.A, so that frames stored back to back in
 * {@code mdat} can be split, and told from other data, when a recording lost its sample table.
 */
package dev.bmff.codecs.aac;
