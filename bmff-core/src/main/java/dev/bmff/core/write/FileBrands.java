package dev.bmff.core.write;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.FileTypeBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code ftyp} of a standard file, chosen from its tracks' coding formats the way ffmpeg's muxers
 * choose it: {@code isom} with minor version 512 and {@code isom, iso2, avc1 (with H.264), mp41}; or the
 * QuickTime brand {@code qt  } when a track carries a format only QuickTime defines (big- or little-endian
 * integer PCM, {@code twos}/{@code sowt}/...), because readers decode those sample entries by QuickTime
 * rules only in a QuickTime file.
 */
final class FileBrands {
    private static final FourCC ISOM = FourCC.of("isom");
    private static final FourCC QT = FourCC.of("qt  ");
    private static final Set<FourCC> AVC = Set.of(FourCC.of("avc1"), FourCC.of("avc3"));
    private static final Set<FourCC> QUICKTIME_ONLY = Set.of(FourCC.of("twos"), FourCC.of("sowt"),
            FourCC.of("in24"), FourCC.of("in32"), FourCC.of("fl32"), FourCC.of("fl64"), FourCC.of("raw "),
            FourCC.of("lpcm"));

    private FileBrands() {
    }

    /**
     * Whether {@code format} is one only QuickTime defines (all of them uncompressed PCM): readers apply
     * QuickTime's rules to it, a constant sample size meaning one PCM frame per sample among them.
     */
    static boolean quickTimeOnly(FourCC format) {
        return QUICKTIME_ONLY.contains(format);
    }

    static FileTypeBox forTracks(List<TrackSpec> tracks) {
        boolean quickTime = tracks.stream().anyMatch(t -> quickTimeOnly(t.sampleEntry().format()));
        if (quickTime) {
            return new FileTypeBox(BoxTypes.FTYP, QT, 0x200, List.of(QT));
        }
        List<FourCC> brands = new ArrayList<>(List.of(ISOM, FourCC.of("iso2")));
        if (tracks.stream().anyMatch(t -> AVC.contains(t.sampleEntry().format()))) {
            brands.add(FourCC.of("avc1"));
        }
        brands.add(FourCC.of("mp41"));
        return new FileTypeBox(BoxTypes.FTYP, ISOM, 512, brands);
    }
}
