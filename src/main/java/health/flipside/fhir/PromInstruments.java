package health.flipside.fhir;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import health.flipside.facts.proms.EsasSymptom;

/**
 * The questionnaires Flipside reads, family by family: the score codes of each instrument (PHQ-9 and PHQ-2, GAD-7,
 * KCCQ-12, pain NRS, PROMIS-10 and PROMIS-29, ESAS-r), the instruments it scores itself from item answers, and the
 * linkIds of published PHQ-9 forms. Adding an instrument starts here; {@link PromReader} reads whatever is listed.
 */
final class PromInstruments {
    private static final String LOINC = ObservationCodes.LOINC;

    /** Score codes → instrument and scale: one number per Observation (or per Observation component). */
    static final Map<String, String[]> SCORES = new HashMap<>();

    /**
     * ESAS-r has no LOINC panel or item codes (docs/clinical-sources.md, PROMs: "no LOINC panel found" [S]); its nine
     * items use
     * Flipside's own code system, the one {@link ObservationCodes#FLIPSIDE} names ("esas-r-lack-of-appetite"), each
     * filed under its symptom's scale ({@link EsasSymptom}). Map an EHR's local codes here.
     */
    static final List<String> ESAS_ITEMS = Arrays.stream(EsasSymptom.values()).map(EsasSymptom::scale).toList();

    static {
        SCORES.put(LOINC + "|44261-6", new String[] {"PHQ-9", "total"});
        SCORES.put(LOINC + "|55758-7", new String[] {"PHQ-2", "total"});
        SCORES.put(LOINC + "|70274-6", new String[] {"GAD-7", "total"});
        // Owned by the heart-failure topic (docs/clinical-sources.md, heart failure); read here so every PROM comes
        // through one reader.
        SCORES.put(LOINC + "|86924-8", new String[] {"KCCQ-12", "overall summary"});
        SCORES.put(LOINC + "|72514-3", new String[] {"Pain NRS", "pain"});
        // PROMIS Global Health (PROMIS-10) T-scores [V, CQL]
        SCORES.put(LOINC + "|71971-6", new String[] {"PROMIS-10", "global physical health"});
        SCORES.put(LOINC + "|71969-0", new String[] {"PROMIS-10", "global mental health"});
        // PROMIS-29 T-scores as the MII PRO IG codes them [V in MII IG; names to verify at loinc.org]
        SCORES.put(LOINC + "|91721-1", new String[] {"PROMIS-29", "physical function"});
        SCORES.put(LOINC + "|71967-4", new String[] {"PROMIS-29", "anxiety"});
        SCORES.put(LOINC + "|77861-3", new String[] {"PROMIS-29", "depression"});
        SCORES.put(LOINC + "|77864-7", new String[] {"PROMIS-29", "fatigue"});
        SCORES.put(LOINC + "|77860-5", new String[] {"PROMIS-29", "sleep disturbance"});
        SCORES.put(LOINC + "|77854-8", new String[] {"PROMIS-29", "social roles"});
        SCORES.put(LOINC + "|77865-4", new String[] {"PROMIS-29", "pain interference"});
        // PROMIS-29 pain intensity: a single 0–10 item, not a T-score [V in MII IG]
        SCORES.put(LOINC + "|75261-8", new String[] {"PROMIS-29", "pain intensity"});
        for (String item : ESAS_ITEMS) {
            SCORES.put(ObservationCodes.FLIPSIDE + "|esas-r-" + item.replace(' ', '-'), new String[] {"ESAS-r", item});
        }
    }

    /** Instruments Flipside scores from item answers: each item 0–3, the total their sum. */
    enum ItemInstrument {
        /** Panel 44249-1, total 44261-6, items 44250-9 … 44260-8 [V] (LHC-Forms, US Core). */
        PHQ9("PHQ-9", "44249-1", "44261-6", List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                "44258-2", "44252-5", "44253-3", "44260-8"), Pattern.compile("phq[-_ ]?9", Pattern.CASE_INSENSITIVE)),
        /** Panel 55757-9 [M], total 55758-7 [V]; the first two PHQ-9 items. */
        PHQ2("PHQ-2", "55757-9", "55758-7", List.of("44250-9", "44255-8"),
                Pattern.compile("phq[-_ ]?2(?!\\d)", Pattern.CASE_INSENSITIVE)),
        /** Panel 69737-5 [M], total 70274-6 [V]; item codes as LHC-Forms and the MII IG use them [S]. */
        GAD7("GAD-7", "69737-5", "70274-6", List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9",
                "69689-8", "69736-7"), Pattern.compile("gad[-_ ]?7", Pattern.CASE_INSENSITIVE));

        final String label;
        final String panel;
        /** The panel as a concept's code ("system|code"), made once: every Observation is checked against it. */
        final String panelCode;
        final String total;
        final List<String> items;
        final Pattern canonical;

        ItemInstrument(String label, String panel, String total, List<String> items, Pattern canonical) {
            this.label = label;
            this.panel = panel;
            this.panelCode = LOINC + "|" + panel;
            this.total = total;
            this.items = items;
            this.canonical = canonical;
        }

        /** The item number (1-based) of a LOINC item code, 0 when not an item of this instrument. */
        int number(String loincCode) {
            return items.indexOf(loincCode) + 1;
        }

        /** Every instrument, once: values() copies its array on each call, and the readers ask for every Observation. */
        static final List<ItemInstrument> ALL = List.of(values());

        static Optional<ItemInstrument> byLabel(String label) {
            for (ItemInstrument i : ALL) {
                if (i.label.equals(label)) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * linkId layouts of published PHQ-9 forms whose items carry no LOINC code in the response: the SDC IG example
     * ("H1/T1/Q9"), the Argonaut questionnaire ("g1.q9") and the MII PRO IG example ("PHQ.9"). Used only when the
     * form is known to be a PHQ-9 (its canonical or its Questionnaire says so).
     */
    static final List<Pattern> PHQ9_LINK_IDS = List.of(Pattern.compile("^H1/T1/Q([1-9])$"),
            Pattern.compile("^g1\\.q([1-9])$"), Pattern.compile("^PHQ\\.([1-9])$"));

    /** Every Observation code this reader uses (prefetch filters keep these): scores, panels and items. */
    static Set<String> codes() {
        Set<String> codes = new HashSet<>(SCORES.keySet());
        for (ItemInstrument instrument : ItemInstrument.ALL) {
            codes.add(instrument.panelCode);
            instrument.items.forEach(item -> codes.add(LOINC + "|" + item));
        }
        return Set.copyOf(codes);
    }

    private PromInstruments() {
    }
}
