/**
 * PCM audio: the sample formats of QuickTime and ISO sample entries ({@code twos}, {@code sowt}, {@code in24},
 * {@code lpcm}, ...) with their sample size, endianness and encoding.
 */
package dev.bmff.codecs.pcm;
