package health.flipside.facts.bp;

import health.flipside.facts.provenance.Provenance;

/**
 * Low home blood pressure (issue 14: over-treatment): the home mean below the low cut-off with the home gate met, or
 * "symptomatic lows" — a validated home cuff reading below the cut-off and a recorded dizziness, fainting or fall
 * ({@code hypotension-symptom} in rules/common/clinical-context.yaml), both in the last {@code lowWindowDays}.
 * Present only when one of them holds; rules weigh it against the number of antihypertensive drugs.
 *
 * @param meanLow       the gated home mean is below homeLowSystolic or homeLowDiastolic
 * @param meanSystolic  the home mean (whole mm[Hg]), as in {@link HomeBloodPressure}
 * @param lowReadings   validated cuff readings below the cut-off in the window
 * @param lowest        the lowest of them ("86/54"), or null
 * @param lowestAt      when it was taken, patient's local time ("17 Nov 07:10"), or null
 * @param symptomatic   a low reading and a recorded symptom in the window
 * @param symptomOn     the latest recorded symptom's date ("2026-11-17"), or null
 */
public record LowBloodPressure(boolean meanLow, int meanSystolic, int meanDiastolic, int lowReadings, String lowest,
                               String lowestAt, boolean symptomatic, String symptomOn, Provenance provenance) {
    public boolean hasLowReadings() {
        return lowReadings > 0;
    }
}
