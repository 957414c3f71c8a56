package health.flipside.facts;

/**
 * An active medication order, reduced to what rules need.
 *
 * @param antihypertensive whether the medication lowers blood pressure (ATC C02/C03/C07/C08/C09 or listed RxNorm)
 * @param name             display text, used only in card text shown to the clinician
 */
public record Medication(String name, boolean antihypertensive) {
}
