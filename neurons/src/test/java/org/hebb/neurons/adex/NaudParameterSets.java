package org.hebb.neurons.adex;

/**
 * The AdEx parameter sets of Naud, Marcille, Clopath and Gerstner (2008), "Firing patterns in the adaptive
 * exponential integrate-and-fire model", Biol. Cybern. 99:335-347, Table 1 / Fig. 4, each with the step current that
 * produces its firing pattern.
 *
 * <p>The constructor takes the numbers in the units of the paper's table (pF, nS, mV, ms, pA) so that each row reads
 * like the table; the accessors return Hebb units (nF, uS, mV, ms, nA): pF / 1000 = nF, nS / 1000 = uS,
 * pA / 1000 = nA.
 *
 * <p>Sources. Rows a to e and h are Table 1 of the paper as transcribed identically by two independent
 * reproductions: the Brian 2 example {@code examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py} (Schmitt and
 * Billaudelle, 2022) and pycaputo's {@code AD_EX_PARAMS} (Fikl, 2023, "Parameter values ... from [Naud2008] Table 1").
 * For rows f (delayed regular bursting) and g (transient spiking) the two disagree: pycaputo copies Table 1 as printed
 * ({@link #TABLE_DELAYED_REGULAR_BURSTING}, {@link #TABLE_TRANSIENT_SPIKING}), while Brian 2 uses values that
 * P. Müller (Heidelberg, KIP) adapted so that the simulated traces match the paper's Fig. 4f and 4g. The printed rows
 * do not produce the patterns they are named after (row f has b = 0 and cannot burst; row g has a &lt; 0 and keeps
 * firing), so {@link #DELAYED_REGULAR_BURSTING} and {@link #TRANSIENT_SPIKING} carry Müller's values and the printed
 * rows are kept, with the pattern they do produce, so that the discrepancy stays visible.
 *
 * <p>Every set has Delta_T = 2 mV and V_T = -50 mV. The neuron starts at rest (V = E_L, w = 0, the fixed point without
 * current) and the step current starts at t = 0 and lasts 1000 ms in the tests; the paper gives the amplitude but no
 * duration.
 */
enum NaudParameterSets {
    //                             C    gL    EL     VT     DeltaT a    tau_w  b     Vr     I
    //                             pF   nS    mV     mV     mV     nS   ms     pA    mV     pA
    /** Fig. 4a. */
    TONIC_SPIKING(FiringPattern.TONIC_SPIKING, 200, 10, -70, -50, 2, 2, 30, 0, -58, 500),
    /** Fig. 4b. */
    ADAPTATION(FiringPattern.ADAPTATION, 200, 12, -70, -50, 2, 2, 300, 60, -58, 500),
    /** Fig. 4c. */
    INITIAL_BURST(FiringPattern.INITIAL_BURST, 130, 18, -58, -50, 2, 4, 150, 120, -50, 400),
    /** Fig. 4d. */
    REGULAR_BURSTING(FiringPattern.REGULAR_BURSTING, 200, 10, -58, -50, 2, 2, 120, 100, -46, 210),
    /** Fig. 4e. */
    DELAYED_ACCELERATING(FiringPattern.DELAYED_ACCELERATING, 200, 12, -70, -50, 2, -10, 300, 0, -58, 300),
    /** Fig. 4f, with the values adapted by P. Müller to reproduce the figure (Brian 2 example). */
    DELAYED_REGULAR_BURSTING(FiringPattern.DELAYED_REGULAR_BURSTING, 100, 10, -65, -50, 2, -10, 90, 30, -47, 110),
    /** Fig. 4g, with the values adapted by P. Müller to reproduce the figure (Brian 2 example). */
    TRANSIENT_SPIKING(FiringPattern.TRANSIENT_SPIKING, 100, 10, -65, -50, 2, 10, 90, 100, -47, 180),
    /** Fig. 4h. */
    IRREGULAR_SPIKING(FiringPattern.IRREGULAR_SPIKING, 100, 12, -60, -50, 2, -11, 130, 30, -48, 160),
    /**
     * Table 1 row f as printed (pycaputo's transcription): with b = 0 nothing can end a burst. It stays silent through
     * the 1000 ms step (its first spike comes at 1631 ms, then the intervals shorten slightly, 142 to 110 ms).
     */
    TABLE_DELAYED_REGULAR_BURSTING(FiringPattern.QUIESCENT, 200, 12, -70, -50, 2, -6, 300, 0, -58, 110),
    /**
     * Table 1 row g as printed (pycaputo's transcription; another transcription has V_r = -50 mV): with a &lt; 0 the
     * adaptation current never stops the firing; it adapts (intervals 1.4 to 6.2 ms) and fires to the end.
     */
    TABLE_TRANSIENT_SPIKING(FiringPattern.ADAPTATION, 100, 10, -65, -50, 2, -10, 90, 30, -47, 350);

    private final FiringPattern pattern;
    private final double capacitanceNf;
    private final double leakConductanceUs;
    private final double restMv;
    private final double thresholdMv;
    private final double slopeMv;
    private final double subthresholdAdaptationUs;
    private final double adaptationTimeConstantMs;
    private final double spikeAdaptationNa;
    private final double resetMv;
    private final double currentNa;

    NaudParameterSets(FiringPattern pattern, double capacitancePf, double leakConductanceNs, double restMv,
                      double thresholdMv, double slopeMv, double subthresholdAdaptationNs,
                      double adaptationTimeConstantMs, double spikeAdaptationPa, double resetMv, double currentPa) {
        this.pattern = pattern;
        this.capacitanceNf = capacitancePf / 1000;
        this.leakConductanceUs = leakConductanceNs / 1000;
        this.restMv = restMv;
        this.thresholdMv = thresholdMv;
        this.slopeMv = slopeMv;
        this.subthresholdAdaptationUs = subthresholdAdaptationNs / 1000;
        this.adaptationTimeConstantMs = adaptationTimeConstantMs;
        this.spikeAdaptationNa = spikeAdaptationPa / 1000;
        this.resetMv = resetMv;
        this.currentNa = currentPa / 1000;
    }

    /**
     * The pattern this set produces under its step current: the one the paper names for its figure panel, and for the
     * two printed-table rows the one they produce instead of the one the paper names.
     */
    FiringPattern pattern() {
        return pattern;
    }

    /** C, nF. */
    double capacitanceNf() {
        return capacitanceNf;
    }

    /** g_L, uS. */
    double leakConductanceUs() {
        return leakConductanceUs;
    }

    /** E_L, mV. */
    double restMv() {
        return restMv;
    }

    /** V_T, mV. */
    double thresholdMv() {
        return thresholdMv;
    }

    /** Delta_T, mV. */
    double slopeMv() {
        return slopeMv;
    }

    /** a, uS. */
    double subthresholdAdaptationUs() {
        return subthresholdAdaptationUs;
    }

    /** tau_w, ms. */
    double adaptationTimeConstantMs() {
        return adaptationTimeConstantMs;
    }

    /** b, nA. */
    double spikeAdaptationNa() {
        return spikeAdaptationNa;
    }

    /** V_r, mV. */
    double resetMv() {
        return resetMv;
    }

    /** The step current I, nA. */
    double currentNa() {
        return currentNa;
    }
}
