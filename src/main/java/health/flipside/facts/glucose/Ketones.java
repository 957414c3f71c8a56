package health.flipside.facts.glucose;

import health.flipside.facts.Numbers;
import health.flipside.facts.provenance.Provenance;

/**
 * The patient's latest own ketone result in the window (blood β-hydroxybutyrate from a ketone meter, or a urine test
 * strip), read beside their glucose. Always present once, so hyperglycaemia cards can say "ketones: none reported".
 *
 * @param reported        a ketone result exists in {@code ketoneWindowDays}
 * @param blood           blood β-hydroxybutyrate (mmol/L) rather than a urine strip (level 0 negative … 4 large)
 * @param value           mmol/L for blood, the strip level for urine
 * @param takenAt         patient's local time ("18 Nov 07:30")
 * @param elevated        blood ≥ {@code bloodKetoneElevated} or urine level ≥ {@code urineKetoneElevatedLevel}
 * @param withHighGlucose a glucose reading (meter or sensor) above {@code ketoneGlucoseAbove} within
 *                        {@code ketoneGlucoseHours} of the ketone result
 * @param highestGlucose  the highest such glucose, mg/dL, or -1
 * @param type1           type 1 diabetes is on the problem list (docs/clinical-sources.md, safety net: the ADA ketone
 *                        advice is for type 1)
 */
public record Ketones(boolean reported, boolean blood, double value, String takenAt, boolean elevated,
                      boolean withHighGlucose, double highestGlucose, boolean type1, Provenance provenance) {
    public static final Ketones NONE = new Ketones(false, false, -1, null, false, false, -1, false, null);

    /** The blood value as people write it ("2.1"); cds-cards/partials/ketone-value.mustache words the result. */
    public String bloodValueText() {
        return Numbers.oneDecimal(value);
    }

    /** The urine strip's level, 0 negative … 4 large (values outside are read as the nearest level). */
    public UrineStrip urine() {
        return new UrineStrip((int) Math.max(0, Math.min(4, Math.round(value))));
    }

    /** A urine strip's level as flags, one per colour block of the strip, for templates to word. */
    public record UrineStrip(int level) {
        public boolean negative() {
            return level == 0;
        }

        public boolean trace() {
            return level == 1;
        }

        public boolean small() {
            return level == 2;
        }

        public boolean moderate() {
            return level == 3;
        }

        public boolean large() {
            return level == 4;
        }
    }

    public String highestGlucoseText() {
        return Numbers.whole(highestGlucose);
    }
}
