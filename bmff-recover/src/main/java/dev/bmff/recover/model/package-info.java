/**
 * What a reference recording teaches about its tracks before a repair: codec configuration (and for video the
 * NAL vocabulary), how other tracks' samples are framed, sample sizes, timing and interleaving, learned by
 * {@link dev.bmff.recover.model.ModelLearner}. Part of the service-provider interface of
 * {@link dev.bmff.recover.LayoutRepair}: {@link dev.bmff.recover.RebuiltMovie} is built on a model.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(Path.of("good.mp4"));
 * model.tracks().forEach(t -> System.out.println(t.format() + " " + t.timescale()));
 * }</pre>
 */
package dev.bmff.recover.model;
