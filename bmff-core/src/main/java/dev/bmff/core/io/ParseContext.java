package dev.bmff.core.io;

import dev.bmff.core.FourCC;

/** What a box parser needs to know about its surroundings: the enclosing track's handler and stsd version. */
final class ParseContext {
    FourCC handlerType;
    int stsdVersion;
}
