package dev.bmff.codecs.prores;

import java.util.Optional;

/**
 * The ProRes flavours, one sample entry type each, as Apple names them; {@code prores_ks -profile:v 0..5} makes
 * them in this order.
 *
 * <pre>{@code
 * ProResProfile p = ProResProfile.of("apch").orElseThrow();     // HQ
 * }</pre>
 */
public enum ProResProfile {
    /** {@code apco}. */
    PROXY("apco", "Proxy", "4:2:2"),
    /** {@code apcs}. */
    LT("apcs", "LT", "4:2:2"),
    /** {@code apcn}. */
    STANDARD("apcn", "Standard", "4:2:2"),
    /** {@code apch}. */
    HQ("apch", "HQ", "4:2:2"),
    /** {@code ap4h}. */
    P4444("ap4h", "4444", "4:4:4"),
    /** {@code ap4x}. */
    P4444XQ("ap4x", "4444 XQ", "4:4:4");

    private final String fourcc;
    private final String displayName;
    private final String chroma;

    ProResProfile(String fourcc, String displayName, String chroma) {
        this.fourcc = fourcc;
        this.displayName = displayName;
        this.chroma = chroma;
    }

    /** The sample entry type. */
    public String fourcc() {
        return fourcc;
    }

    /** "HQ", "4444 XQ": what ffprobe shows as the profile. */
    public String displayName() {
        return displayName;
    }

    /** The chroma subsampling the profile carries. */
    public String chroma() {
        return chroma;
    }

    /** Whether frames of this profile may carry alpha (the 4444 ones). */
    public boolean mayHaveAlpha() {
        return chroma.equals("4:4:4");
    }

    /** The profile of a sample entry type, if it is a ProRes one. */
    public static Optional<ProResProfile> of(String fourcc) {
        for (ProResProfile p : values()) {
            if (p.fourcc.equals(fourcc)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
