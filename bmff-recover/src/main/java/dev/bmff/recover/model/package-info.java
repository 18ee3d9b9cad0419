/**
 * What a reference recording teaches about its tracks before a repair: codec configuration, sample sizes,
 * timing and interleaving, learned by {@link dev.bmff.recover.model.ModelLearner}.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(Path.of("good.mp4"));
 * model.tracks().forEach(t -> System.out.println(t.format() + " " + t.timescale()));
 * }</pre>
 */
package dev.bmff.recover.model;
