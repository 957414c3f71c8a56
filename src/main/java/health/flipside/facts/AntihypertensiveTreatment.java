package health.flipside.facts;

import java.util.List;

/**
 * Whether the patient has an active antihypertensive order; decides treated vs untreated phenotypes (2025 Table 9).
 *
 * @param known false when the medication list could not be had: then no phenotype may rest on "untreated"
 */
public record AntihypertensiveTreatment(boolean known, boolean treated, List<String> medications) {
    public AntihypertensiveTreatment {
        medications = List.copyOf(medications);
    }

    /** For card texts: "amlodipine 5 MG Oral Tablet, lisinopril 10 MG". */
    public String medicationList() {
        return String.join(", ", medications);
    }
}
