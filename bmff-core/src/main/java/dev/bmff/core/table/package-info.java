/**
 * The sample-table builder the writers and the recovery share: samples in, compact {@code stts}, {@code ctts},
 * {@code stss}, {@code stsc}, {@code stsz} and {@code stco}/{@code co64} out.
 *
 * <pre>{@code
 * SampleTableBuilder t = new SampleTableBuilder();
 * t.startChunk(48, 1);
 * t.addSample(3620, 512, 1024, true);
 * List<Box> tables = t.build();
 * }</pre>
 */
package dev.bmff.core.table;
