package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/**
 * A box of an ISO BMFF file. Every box the reader meets becomes one of these immutable values:
 * a typed record for the boxes this library knows, {@link RawBox} (kept whole) for all others,
 * so reading and writing a file loses nothing.
 *
 * <pre>{@code
 * for (Box box : BoxReader.read(path, ReadOptions.strict()).boxes()) {
 *     if (box instanceof MovieBox moov) { ... }
 * }
 * }</pre>
 */
public sealed interface Box permits ContainerBox, FullBox, FileTypeBox, FreeSpaceBox, MediaDataBox, RawBox,
        TrailingBytes {
    /** The box type, e.g. {@code moov}. */
    FourCC type();
}
