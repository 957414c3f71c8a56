package health.flipside.facts.bp;

import health.flipside.facts.Medication;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the patient has an active antihypertensive order; decides treated vs untreated phenotypes (2025 Table 9).
 *
 * @param known       false when the medication list could not be had: then no phenotype may rest on "untreated"
 * @param treated     an antihypertensive other than a heart-failure-only drug is active, or a heart-failure drug
 *                    together with one
 * @param medications the antihypertensive orders, for card texts
 * @param drugCount   distinct antihypertensive drugs: each listed ingredient once (a combination pill counts each of
 *                    its ingredients), plus one for each order recognised by its ATC code alone
 * @param notCounted  heart-failure drugs (loop diuretic, MRA, ARNI) that were not counted as treated hypertension
 *                    because no other antihypertensive is active
 */
public record AntihypertensiveTreatment(boolean known, boolean treated, List<String> medications, int drugCount,
                                        List<String> notCounted) {
    public AntihypertensiveTreatment {
        medications = List.copyOf(medications);
        notCounted = List.copyOf(notCounted);
    }

    public AntihypertensiveTreatment(boolean known, boolean treated, List<String> medications) {
        this(known, treated, medications, medications.size(), List.of());
    }

    /** The treatment picture of the active orders (rules/bp/antihypertensives.yaml decides each order). */
    public static AntihypertensiveTreatment of(boolean known, List<Medication> orders) {
        List<Medication> bpLowering = orders.stream().filter(Medication::antihypertensive).toList();
        boolean treated = bpLowering.stream().anyMatch(m -> !m.onlyWithAnother());
        Set<String> ingredients = new TreeSet<>();
        bpLowering.forEach(m -> ingredients.addAll(m.ingredients()));
        int drugs = ingredients.size() + (int) bpLowering.stream().filter(m -> m.ingredients().isEmpty()).count();
        List<String> notCounted = treated ? List.of() : bpLowering.stream().map(Medication::name).toList();
        return new AntihypertensiveTreatment(known, treated, bpLowering.stream().map(Medication::name).toList(), drugs,
                notCounted);
    }

    /** For card texts: "amlodipine 5 MG Oral Tablet, lisinopril 10 MG". */
    public String medicationList() {
        return String.join(", ", medications);
    }

    public boolean hasMedications() {
        return !medications.isEmpty();
    }

    public boolean hasNotCounted() {
        return !notCounted.isEmpty();
    }

    public String notCountedList() {
        return String.join(", ", notCounted);
    }
}
