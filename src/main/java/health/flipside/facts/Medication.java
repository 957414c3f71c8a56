package health.flipside.facts;

import java.util.List;

/**
 * An active medication order, reduced to what rules need.
 *
 * @param name             display text, used only in card text shown to the clinician
 * @param antihypertensive whether the medication lowers blood pressure (rules/bp/antihypertensives.yaml)
 * @param onlyWithAnother  a heart-failure drug (loop diuretic, MRA, ARNI) that makes "treated hypertension" only
 *                         together with another antihypertensive
 * @param ingredients      the antihypertensive ingredients its name lists (a combination pill lists two), for counting
 *                         drugs; empty when it was recognised by its ATC code alone
 */
public record Medication(String name, boolean antihypertensive, boolean onlyWithAnother, List<String> ingredients) {
    public Medication {
        ingredients = List.copyOf(ingredients);
    }

    public Medication(String name, boolean antihypertensive) {
        this(name, antihypertensive, false, List.of());
    }
}
