package dev.bmff.recover.model;

/**
 * Sample sizes of a reference track.
 *
 * @param count samples
 * @param min smallest sample, bytes
 * @param max largest sample, bytes
 * @param mean average size, bytes
 */
public record SizeStats(long count, long min, long max, double mean) {
}
