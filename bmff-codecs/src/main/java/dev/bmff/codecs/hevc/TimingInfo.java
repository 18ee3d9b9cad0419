package dev.bmff.codecs.hevc;

/**
 * VPS or VUI timing: a clock tick is numUnitsInTick / timeScale seconds. For a progressive stream
 * with one picture per tick, the frame rate is timeScale / numUnitsInTick.
 *
 * <pre>{@code
 * sps.vui().flatMap(Vui::timing).ifPresent(t -> System.out.println(t.frameRate()));  // 25.0
 * }</pre>
 *
 * @param numUnitsInTick u(32), kept as a long
 * @param timeScale u(32), kept as a long
 * @param numTicksPocDiffOneMinus1 -1 when poc_proportional_to_timing_flag is 0
 * @param hrd the HRD parameters when present
 */
public record TimingInfo(long numUnitsInTick, long timeScale, boolean pocProportionalToTiming,
        long numTicksPocDiffOneMinus1, java.util.Optional<HrdParameters> hrd) {
    /** timeScale / numUnitsInTick, or NaN when either is 0 (not allowed, but seen in damaged streams). */
    public double frameRate() {
        return numUnitsInTick == 0 || timeScale == 0 ? Double.NaN : (double) timeScale / numUnitsInTick;
    }
}
