package health.flipside.facts.wearables;

import health.flipside.facts.Numbers;
import health.flipside.facts.PatientContext;
import health.flipside.facts.Thresholds;
import java.util.List;

/**
 * The SpO2 range a patient's home readings are judged against (BTS guideline for oxygen use in adults, Thorax 2017
 * [V]): 94–98 % for most adults, 88–92 % with chronic lung disease at risk of hypercapnia — not the 92 % of the acute
 * COVID home pathway. Chosen from the {@link PatientContext}; numbers from {@code rules/wearables/thresholds.yaml}.
 *
 * @param chronicLungDisease the chronic-lung-disease range applies (cds-cards/partials/spo2-target-reason.mustache
 *                           words why this range)
 */
public record OxygenTarget(double low, double high, boolean chronicLungDisease) {
    public static final List<String> REQUIRED_THRESHOLDS = List.of("spo2TargetLow", "spo2TargetHigh",
            "spo2TargetLowChronicLung", "spo2TargetHighChronicLung", "spo2BaselineDays", "spo2BaselineDaysMin",
            "spo2DropFromBaseline");

    public static OxygenTarget of(PatientContext patient, Thresholds t) {
        return patient.chronicLungDisease()
                ? new OxygenTarget(t.get("spo2TargetLowChronicLung"), t.get("spo2TargetHighChronicLung"), true)
                : new OxygenTarget(t.get("spo2TargetLow"), t.get("spo2TargetHigh"), false);
    }

    /** "88–92%". */
    public String rangeText() {
        return Numbers.whole(low) + "–" + Numbers.whole(high) + "%";
    }

    public String lowText() {
        return Numbers.whole(low);
    }
}
