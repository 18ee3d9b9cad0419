/**
 * AC-3 and E-AC-3 (Dolby Digital, Dolby Digital Plus; ETSI TS 102 366): the sync frame headers
 * ({@link dev.bmff.codecs.ac3.Ac3Header}, {@link dev.bmff.codecs.ac3.Eac3Header}), which give each frame's length,
 * the {@code dac3}/{@code dec3} payloads, and {@link dev.bmff.codecs.ac3.Ac3Syntax}, the CRC-checked samples of one
 * stream.
 */
package dev.bmff.codecs.ac3;
