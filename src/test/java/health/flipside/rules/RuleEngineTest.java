package health.flipside.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import health.flipside.facts.bp.AntihypertensiveTreatment;
import health.flipside.facts.bp.BpThresholds;
import health.flipside.facts.DataQuality;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.bp.OfficeBloodPressure;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.TestSources;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.Provenance;
import health.flipside.facts.Thresholds;

/**
 * The real rules of rules/ over facts built by hand: every Table 9 phenotype (2025 AHA/ACC), the data gates and the
 * safety rule, without FHIR. The thresholds fact is built in code (the shipped defaults, 130/80 and 180/120), so
 * these cases keep their meaning when staff retune thresholds.yaml; the scenario files cover the end-to-end path.
 */
class RuleEngineTest {
    private static final Provenance PROVENANCE = new Provenance(
            TestSources.one(DeviceTier.CLINIC_ISSUED, "Omron Healthcare HEM-9200T"), 14, 7, 28, 0, null, DeviceTier.CLINIC_ISSUED, null);
    private static final Provenance NO_READINGS = new Provenance(DeviceSource.NONE, 0, 0, 28, 0, null, null, null);
    private static final AntihypertensiveTreatment TREATED = new AntihypertensiveTreatment(true, true, List.of("amlodipine 5 MG Oral Tablet"));
    private static final AntihypertensiveTreatment UNTREATED = new AntihypertensiveTreatment(true, false, List.of());
    /** The medication list could not be fetched: no phenotype may rest on "untreated". */
    private static final AntihypertensiveTreatment UNKNOWN = new AntihypertensiveTreatment(false, false, List.of());
    private static final DataQuality COMPLETE = new DataQuality(0, 0, 0, List.of());

    private static RuleSet rules;
    private final RuleEngine engine = new RuleEngine();

    @BeforeAll
    static void loadRules() {
        rules = new RuleSetLoader().load(Path.of("rules"));
    }

    /** Enough validated home readings (14 on 7 days) averaging systolic/diastolic. */
    static HomeBloodPressure home(int systolic, int diastolic) {
        return new HomeBloodPressure(true, 14, 7, 7, 7, systolic, diastolic, true, 0, 0, 0, 0, null, PROVENANCE);
    }

    static OfficeBloodPressure office(int systolic, int diastolic) {
        return new OfficeBloodPressure(systolic, diastolic, 2, 4, "2026-11-01");
    }

    /** Findings as rule id → severity, for exact comparison. */
    private Map<String, Severity> evaluate(Thresholds thresholds, HomeBloodPressure home, OfficeBloodPressure office,
                                           AntihypertensiveTreatment treatment, DataQuality quality) {
        List<Object> facts = new ArrayList<>(List.of(thresholds, home, treatment, quality));
        if (office != null) {
            facts.add(office);
        }
        return engine.evaluate(rules, facts).stream().collect(Collectors.toMap(Finding::ruleId, Finding::severity));
    }

    private Map<String, Severity> evaluate(HomeBloodPressure home, OfficeBloodPressure office, AntihypertensiveTreatment treatment) {
        return evaluate(BpThresholds.standard(), home, office, treatment, COMPLETE);
    }

    static Stream<Arguments> phenotypes() {
        return Stream.of(
                Arguments.of("treated, home high, office at goal", TREATED, home(138, 86), office(124, 76),
                        "bp.treated.masked-uncontrolled", Severity.WARNING),
                Arguments.of("treated, home and office at goal", TREATED, home(124, 76), office(124, 76),
                        "bp.treated.controlled", Severity.INFO),
                Arguments.of("treated, home and office high", TREATED, home(140, 88), office(142, 90),
                        "bp.treated.uncontrolled", Severity.WARNING),
                Arguments.of("treated, office high, home at goal", TREATED, home(122, 74), office(146, 92),
                        "bp.treated.white-coat-effect", Severity.INFO),
                Arguments.of("untreated, home high, office normal", UNTREATED, home(136, 84), office(124, 76),
                        "bp.untreated.masked-hypertension", Severity.WARNING),
                Arguments.of("untreated, home and office high", UNTREATED, home(140, 88), office(142, 90),
                        "bp.untreated.sustained-hypertension", Severity.WARNING),
                Arguments.of("untreated, office high, home normal", UNTREATED, home(122, 74), office(146, 92),
                        "bp.untreated.white-coat-hypertension", Severity.INFO),
                Arguments.of("untreated, home and office normal", UNTREATED, home(118, 74), office(118, 76),
                        "bp.untreated.normotension", Severity.INFO),
                // Limits: "high" is at or above 130 systolic OR at or above 80 diastolic, at home and in the office.
                Arguments.of("home systolic exactly 130 is high", UNTREATED, home(130, 70), office(120, 70),
                        "bp.untreated.masked-hypertension", Severity.WARNING),
                Arguments.of("home diastolic exactly 80 is high", UNTREATED, home(120, 80), office(120, 70),
                        "bp.untreated.masked-hypertension", Severity.WARNING),
                Arguments.of("home 129/79 is not high", UNTREATED, home(129, 79), office(120, 70),
                        "bp.untreated.normotension", Severity.INFO),
                Arguments.of("office systolic exactly 130 is high", UNTREATED, home(129, 79), office(130, 70),
                        "bp.untreated.white-coat-hypertension", Severity.INFO),
                Arguments.of("office diastolic exactly 80 is high", TREATED, home(138, 86), office(120, 80),
                        "bp.treated.uncontrolled", Severity.WARNING),
                Arguments.of("medications unknown, home high, office normal: no masked-hypertension label", UNKNOWN,
                        home(136, 84), office(124, 76), "bp.home-high-treatment-unknown", Severity.WARNING),
                Arguments.of("medications unknown, home normal, office high: no white-coat label", UNKNOWN,
                        home(122, 74), office(146, 92), "bp.home-below-threshold-treatment-unknown", Severity.INFO),
                Arguments.of("no office reading, home high", TREATED, home(138, 86), null,
                        "bp.home-high-no-office", Severity.WARNING),
                Arguments.of("no office reading, home below threshold", UNTREATED, home(124, 76), null,
                        "bp.home-below-threshold-no-office", Severity.INFO));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("phenotypes")
    @DisplayName("with enough home data exactly one phenotype fires, with its severity")
    void phenotype(String description, AntihypertensiveTreatment treatment, HomeBloodPressure home,
                   OfficeBloodPressure office, String expectedRule, Severity expectedSeverity) {
        Map<String, Severity> findings = evaluate(home, office, treatment);

        assertThat(findings).containsExactly(Map.entry(expectedRule, expectedSeverity));
    }

    @Test
    @DisplayName("a masked-uncontrolled finding names its template, provenance and the facts the card reads")
    void findingCarriesTemplateAndParams() {
        HomeBloodPressure home = home(138, 86);
        OfficeBloodPressure office = office(124, 76);

        List<Finding> findings = engine.evaluate(rules, List.of(BpThresholds.standard(), home, office, TREATED, COMPLETE));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("bp.treated.masked-uncontrolled");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.templateId()).isEqualTo("bp-masked-uncontrolled");
            assertThat(f.provenance()).isEqualTo(PROVENANCE);
            assertThat(f.params()).containsEntry("home", home).containsEntry("office", office).containsEntry("treatment", TREATED);
        });
    }

    @Test
    @DisplayName("a validated-cuff reading ≥180/120 is CRITICAL, beside the phenotype")
    void severeReadingIsCritical() {
        HomeBloodPressure home = new HomeBloodPressure(true, 14, 7, 7, 7, 150, 95, true, 0, 0, 0, 0,
                new HomeBloodPressure.SevereReading(186, 104, "19 Nov 07:30", "Omron Healthcare HEM-9200T"), PROVENANCE);

        Map<String, Severity> findings = evaluate(home, office(124, 76), TREATED);

        assertThat(findings).containsOnly(
                Map.entry("bp.severe-home-reading", Severity.CRITICAL),
                Map.entry("bp.treated.masked-uncontrolled", Severity.WARNING));
    }

    @Test
    @DisplayName("too few home readings: only an INFO 'insufficient data' finding, no phenotype")
    void insufficientData() {
        HomeBloodPressure home = new HomeBloodPressure(true, 5, 2, 3, 2, 142, 90, false, 7, 1, 0, 0, null, PROVENANCE);

        Map<String, Severity> findings = evaluate(home, office(124, 76), TREATED);

        assertThat(findings).containsExactly(Map.entry("bp.insufficient-home-data", Severity.INFO));
    }

    @Test
    @DisplayName("no home data and a high office BP: one INFO offer of monitoring options, never a warning")
    void noHomeDataOfficeHigh() {
        HomeBloodPressure none = new HomeBloodPressure(false, 0, 0, 0, 0, 0, 0, false, 12, 3, 0, 0, null, NO_READINGS);

        Map<String, Severity> findings = evaluate(none, office(146, 92), UNTREATED);

        assertThat(findings).containsExactly(Map.entry("bp.no-home-data-office-high", Severity.INFO));
    }

    @Test
    @DisplayName("no home data and a normal office BP: no finding at all (an empty answer is a good answer)")
    void noHomeDataOfficeNormal() {
        HomeBloodPressure none = new HomeBloodPressure(false, 0, 0, 0, 0, 0, 0, false, 12, 3, 0, 0, null, NO_READINGS);

        assertThat(evaluate(none, office(118, 76), UNTREATED)).isEmpty();
    }

    @Test
    @DisplayName("only cuffless readings: an INFO note that they were not used, never a phenotype")
    void onlyCuffless() {
        HomeBloodPressure cuffless = new HomeBloodPressure(true, 0, 0, 0, 0, 0, 0, false, 12, 3, 9, 0, null, NO_READINGS);

        Map<String, Severity> findings = evaluate(cuffless, office(146, 92), UNTREATED);

        assertThat(findings).containsExactly(Map.entry("bp.cuffless-readings-not-used", Severity.INFO));
    }

    @Test
    @DisplayName("data that could not be fetched adds an INFO data-unavailable finding")
    void dataUnavailable() {
        DataQuality partial = new DataQuality(0, 0, 0, List.of("active medications (treated vs untreated)"));

        Map<String, Severity> findings = evaluate(BpThresholds.standard(), home(124, 76), office(124, 76), UNTREATED, partial);

        assertThat(findings).containsOnly(
                Map.entry("bp.untreated.normotension", Severity.INFO),
                Map.entry("common.data-unavailable", Severity.INFO));
    }

    @Test
    @DisplayName("thresholds are data: raising the home limit to 135/85 turns 132/82 from masked into normal")
    void thresholdsAreData() {
        Thresholds site = BpThresholds.with(Map.of("homeHighSystolic", 135.0, "homeHighDiastolic", 85.0));

        Map<String, Severity> standard = evaluate(home(132, 82), office(120, 76), UNTREATED);
        Map<String, Severity> raised = evaluate(site, home(132, 82), office(120, 76), UNTREATED, COMPLETE);

        assertThat(standard).containsOnlyKeys("bp.untreated.masked-hypertension");
        assertThat(raised).containsOnlyKeys("bp.untreated.normotension");
    }

    @Test
    @DisplayName("a session kept between calls brings nothing of one call into the next, one call after another and at once")
    void keptSessionsStartEmpty() throws Exception {
        HomeBloodPressure severe = new HomeBloodPressure(true, 14, 7, 7, 7, 150, 95, true, 0, 0, 0, 0,
                new HomeBloodPressure.SevereReading(186, 104, "19 Nov 07:30", "Omron Healthcare HEM-9200T"), PROVENANCE);
        Map<String, Severity> severeAlone = evaluate(severe, office(124, 76), TREATED);
        Map<String, Severity> normalAlone = evaluate(home(122, 74), office(118, 76), UNTREATED);
        assertThat(severeAlone).containsKey("bp.severe-home-reading");
        assertThat(normalAlone).containsOnlyKeys("bp.untreated.normotension");

        // One after another: the normal patient right after the severe one gets no CRITICAL of the severe one's facts.
        for (int i = 0; i < 20; i++) {
            assertThat(evaluate(severe, office(124, 76), TREATED)).isEqualTo(severeAlone);
            assertThat(evaluate(home(122, 74), office(118, 76), UNTREATED)).isEqualTo(normalAlone);
        }
        // At once, as requests run: each call gets its own session, so each answer is its own patient's.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean isSevere = i % 2 == 0;
                answers.add(threads.submit(() -> isSevere
                        ? evaluate(severe, office(124, 76), TREATED).equals(severeAlone)
                        : evaluate(home(122, 74), office(118, 76), UNTREATED).equals(normalAlone)));
            }
            for (java.util.concurrent.Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
