/**
 * Sample matchers: for one track of a reference, whether a sample starts at a position of a broken file's media
 * data and how long it is (H.264/HEVC pictures with their picture order, AAC, ALAC, FLAC, MP3, AC-3 and E-AC-3
 * frames, PCM chunks, metadata samples
 * by their framing). Part of the service-provider interface of {@link dev.bmff.recover.LayoutRepair}: a provider
 * that finds samples its own way (bmff-rsv's GOP parser) uses them to check a frame and hands each as a
 * {@link dev.bmff.recover.match.Match} to {@link dev.bmff.recover.RebuiltMovie}.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(reference);
 * RebuiltMovie movie = new RebuiltMovie(model);
 * MediaWindow window = new MediaWindow(channel, start, end);
 * Match m = myMatcher.match(window, pos, startCheck, false);       // a SampleMatcher of the provider's own
 * if (m != null) movie.add(0, pos, myMatcher.commit(m), true);
 * }</pre>
 */
package dev.bmff.recover.match;
