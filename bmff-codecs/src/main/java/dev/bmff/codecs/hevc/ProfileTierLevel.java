package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * profile_tier_level() (H.265 7.3.3) as found in the VPS and SPS, whose profilePresentFlag is always 1.
 * The four source/constraint flags and the 44 bits after them are kept together as the 48-bit
 * general_constraint_indicator_flags value that hvcC stores.
 *
 * <pre>{@code
 * ProfileTierLevel ptl = sps.profileTierLevel();
 * if (ptl.profileIdc() == ProfileTierLevel.MAIN_10 || ptl.isCompatibleWith(ProfileTierLevel.MAIN_10)) ...
 * double level = ptl.levelIdc() / 30.0;        // 93 -> 3.1
 * }</pre>
 *
 * @param profileSpace general_profile_space (0 in this version of the spec)
 * @param tier general_tier_flag: false Main tier, true High tier
 * @param profileIdc general_profile_idc (1 Main, 2 Main 10, 3 Main Still Picture, 4 range extensions...)
 * @param compatibilityFlags general_profile_compatibility_flag[j] at bit (31 - j)
 * @param constraintIndicatorFlags 48 bits: progressive, interlaced, non-packed, frame-only, then 43 + 1
 * @param levelIdc general_level_idc, 30 times the level number
 * @param subLayers one entry per sub-layer below the highest (max_sub_layers_minus1 entries)
 */
public record ProfileTierLevel(int profileSpace, boolean tier, int profileIdc, int compatibilityFlags,
        long constraintIndicatorFlags, int levelIdc, List<SubLayer> subLayers) {
    public static final int MAIN = 1;
    public static final int MAIN_10 = 2;
    public static final int MAIN_STILL_PICTURE = 3;
    public static final int RANGE_EXTENSIONS = 4;

    /**
     * The sub_layer_* values for one sub-layer; fields whose present flag is false read as 0 (the spec
     * then infers them from the layer above, which this record does not do).
     */
    public record SubLayer(boolean profilePresent, int profileSpace, boolean tier, int profileIdc,
            int compatibilityFlags, long constraintIndicatorFlags, boolean levelPresent, int levelIdc) {
    }

    public ProfileTierLevel {
        subLayers = List.copyOf(subLayers);
    }

    /** Parses profile_tier_level(1, maxSubLayersMinus1). */
    public static ProfileTierLevel parse(BitReader r, int maxSubLayersMinus1) throws BitstreamException {
        if (maxSubLayersMinus1 < 0 || maxSubLayersMinus1 > 6) {
            throw r.error(Kind.OUT_OF_RANGE, r.position(), "max_sub_layers_minus1: " + maxSubLayersMinus1
                    + " outside 0..6");
        }
        int space = r.u(2, "general_profile_space");
        boolean tier = r.flag("general_tier_flag");
        int idc = r.u(5, "general_profile_idc");
        int compat = r.u(32, "general_profile_compatibility_flag");
        long constraints = r.uLong(48, "general_constraint_indicator_flags");
        int level = r.u(8, "general_level_idc");
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.flag("sub_layer_profile_present_flag");
            levelPresent[i] = r.flag("sub_layer_level_present_flag");
        }
        if (maxSubLayersMinus1 > 0) {
            // The flag pairs are padded to 8 pairs so the sub-layer data starts byte-aligned.
            r.skip(2L * (8 - maxSubLayersMinus1), "reserved_zero_2bits");
        }
        List<SubLayer> subs = new ArrayList<>(maxSubLayersMinus1);
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            int sSpace = 0;
            boolean sTier = false;
            int sIdc = 0;
            int sCompat = 0;
            long sConstraints = 0;
            int sLevel = 0;
            if (profilePresent[i]) {
                sSpace = r.u(2, "sub_layer_profile_space");
                sTier = r.flag("sub_layer_tier_flag");
                sIdc = r.u(5, "sub_layer_profile_idc");
                sCompat = r.u(32, "sub_layer_profile_compatibility_flag");
                sConstraints = r.uLong(48, "sub_layer_constraint_indicator_flags");
            }
            if (levelPresent[i]) {
                sLevel = r.u(8, "sub_layer_level_idc");
            }
            subs.add(new SubLayer(profilePresent[i], sSpace, sTier, sIdc, sCompat, sConstraints, levelPresent[i],
                    sLevel));
        }
        return new ProfileTierLevel(space, tier, idc, compat, constraints, level, subs);
    }

    /** general_profile_compatibility_flag[j]. */
    public boolean isCompatibleWith(int j) {
        if (j < 0 || j > 31) {
            throw new IllegalArgumentException("profile compatibility index 0..31: " + j);
        }
        return (compatibilityFlags >>> (31 - j) & 1) != 0;
    }

    public boolean progressiveSource() {
        return (constraintIndicatorFlags >>> 47 & 1) != 0;
    }

    public boolean interlacedSource() {
        return (constraintIndicatorFlags >>> 46 & 1) != 0;
    }

    public boolean nonPackedConstraint() {
        return (constraintIndicatorFlags >>> 45 & 1) != 0;
    }

    public boolean frameOnlyConstraint() {
        return (constraintIndicatorFlags >>> 44 & 1) != 0;
    }

    /** The 43 + 1 bits after the four flags (profile-specific constraints, then inbld/reserved). */
    public long constraintBits44() {
        return constraintIndicatorFlags & ((1L << 44) - 1);
    }
}
