/**
 * Sync-framed audio: {@link dev.bmff.codecs.sync.SyncFrameSyntax}, what MP3, AC-3 and E-AC-3 share, a sync word
 * and a header that gives each frame's length, so that frames stored back to back can be split exactly.
 */
package dev.bmff.codecs.sync;
