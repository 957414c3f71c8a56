package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.Provenance;
import health.flipside.facts.ReadingTime;
import health.flipside.facts.Thresholds;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/**
 * Findings → cards under the card policy of docs/design.md, with the real texts of cds-cards/: order, merging of info
 * findings, card budget, summary length, provenance, uuids, override reasons and suggestions.
 */
class CardComposerTest {
    private static final Path CARDS = Path.of("cds-cards");
    private static final Collection<Thresholds> THRESHOLDS = List.of(BpThresholds.standard());

    private static final Provenance PROVENANCE = new Provenance(
            TestSources.one(DeviceTier.CLINIC_ISSUED, "Omron Healthcare HEM-9200T"), 14, 7, 28, 2, null, DeviceTier.CLINIC_ISSUED, null);
    private static final HomeBloodPressure HOME = new HomeBloodPressure(true, 14, 7, 7, 7, 138, 86, true, 0, 0, 9, 0,
            null, PROVENANCE);
    private static final OfficeBloodPressure OFFICE = new OfficeBloodPressure(124, 76, 2, 4, "2026-11-01");
    private static final AntihypertensiveTreatment TREATED = new AntihypertensiveTreatment(true, true, List.of("amlodipine 5 MG Oral Tablet"));
    private static final DataQuality PARTIAL = new DataQuality(0, 0, 0, List.of("medications"));

    private static CardCatalog catalog;
    private static CardComposer composer;

    @BeforeAll
    static void loadCards() {
        catalog = CardCatalog.load(CARDS);
        composer = new CardComposer(catalog);
    }

    // ---- findings as the rules emit them -------------------------------------------------------------------------

    static Finding severe(String device) {
        HomeBloodPressure.SevereReading reading = new HomeBloodPressure.SevereReading(186, 122, "19 Nov 07:30", device);
        return new Finding("bp.severe-home-reading", Severity.CRITICAL, "bp-severe-reading", PROVENANCE,
                Map.of("home", HOME, "severe", reading));
    }

    static Finding maskedUncontrolled() {
        return new Finding("bp.treated.masked-uncontrolled", Severity.WARNING, "bp-masked-uncontrolled", PROVENANCE,
                Map.of("home", HOME, "office", OFFICE, "treatment", TREATED));
    }

    static Finding warning(String ruleId, String templateId) {
        return new Finding(ruleId, Severity.WARNING, templateId, PROVENANCE, Map.of("home", HOME, "office", OFFICE, "treatment", TREATED));
    }

    static Finding cuffless() {
        return new Finding("bp.cuffless-readings-not-used", Severity.INFO, "bp-cuffless-not-used", PROVENANCE, Map.of("home", HOME));
    }

    static Finding insufficient() {
        return new Finding("bp.insufficient-home-data", Severity.INFO, "bp-insufficient-data", PROVENANCE, Map.of("home", HOME));
    }

    static Finding unavailable() {
        return new Finding("common.data-unavailable", Severity.INFO, "data-unavailable", null, Map.of("quality", PARTIAL));
    }

    private static List<Card> cards(List<ComposedCard> composed) {
        return composed.stream().map(ComposedCard::card).toList();
    }

    private static List<Card> compose(Finding... findings) {
        return cards(composer.compose(List.of(findings), THRESHOLDS));
    }

    // ---- policy ----------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("no findings, no cards: an empty answer is a good answer")
    void noFindings() {
        assertThat(composer.compose(List.of(), THRESHOLDS)).isEmpty();
    }

    @Test
    @DisplayName("cards are ordered critical > warning > info whatever order the rules fired in")
    void ordering() {
        List<ComposedCard> composed = composer.compose(List.of(cuffless(), maskedUncontrolled(), severe("Omron Healthcare HEM-9200T")),
                THRESHOLDS);

        assertThat(cards(composed)).extracting(Card::indicator).containsExactly("critical", "warning", "info");
        assertThat(composed).extracting(c -> c.ruleIds().get(0))
                .containsExactly("bp.severe-home-reading", "bp.treated.masked-uncontrolled", "bp.cuffless-readings-not-used");
    }

    @Test
    @DisplayName("several info findings merge into ONE card: policy headline, then a detail section per finding")
    void infoFindingsMerge() {
        CardPolicy policy = catalog.policy();

        List<ComposedCard> composed = composer.compose(List.of(cuffless(), insufficient(), unavailable()), THRESHOLDS);

        assertThat(composed).hasSize(1);
        Card card = composed.get(0).card();
        assertThat(card.indicator()).isEqualTo("info");
        assertThat(card.summary()).startsWith(policy.summaryCardHeadline() + ": ")
                .contains("Cuffless BP readings not used")
                .contains("Home BP: not enough readings yet");
        assertThat(card.detail())
                .contains("#### Cuffless BP readings not used")
                .contains("#### Home BP: not enough readings yet")
                .contains("#### Some patient data unavailable")
                // each section carries its own rendered text
                .contains("9 cuffless (watch/ring) BP readings were not used")
                .contains("Flipside could not retrieve: active medications (treated vs untreated).");
        assertThat(card.detail().split("\n\n---\n\n")).hasSize(3);
        assertThat(card.source().label()).isEqualTo(policy.summaryCardSource());
        assertThat(composed.get(0).ruleIds()).containsExactlyInAnyOrder(
                "bp.cuffless-readings-not-used", "bp.insufficient-home-data", "common.data-unavailable");
    }

    @Test
    @DisplayName("a single info finding keeps its own template's summary and source")
    void singleInfoFinding() {
        Card card = compose(cuffless()).get(0);

        assertThat(card.summary()).startsWith("9 cuffless (watch/ring) BP readings were not used");
        assertThat(card.source().label()).startsWith("2025 AHA/ACC High Blood Pressure Guideline");
        assertThat(card.source().url()).isEqualTo("https://doi.org/10.1161/HYP.0000000000000249");
    }

    @Test
    @DisplayName("at most policy.maxCards cards: the most urgent are kept")
    void cardBudget() {
        List<Card> cards = compose(
                cuffless(), insufficient(),
                warning("bp.treated.uncontrolled", "bp-uncontrolled"),
                warning("bp.untreated.sustained-hypertension", "bp-sustained-hypertension"),
                warning("bp.home-high-no-office", "bp-home-high"),
                maskedUncontrolled(),
                severe("Omron Healthcare HEM-9200T"));

        assertThat(catalog.policy().maxCards()).isEqualTo(3);
        assertThat(cards).hasSize(catalog.policy().maxCards());
        assertThat(cards).extracting(Card::indicator).containsExactly("critical", "warning", "warning");
        // the last card keeps every finding that did not get its own: counted, the warnings first, never as info
        assertThat(cards.get(2).summary()).startsWith("5 more findings: ");
        assertThat(cards.get(2).detail()).contains("(warning)").contains("#### Cuffless BP readings not used");
        assertThat(cards.get(2).detail().indexOf("(warning)")).isLessThan(cards.get(2).detail().indexOf("#### Cuffless BP readings"));
    }

    @Test
    @DisplayName("within an indicator, the rank each rule declares orders the cards, never the rule's name")
    void rankOrdersWithinAnIndicator() {
        Finding bp = warning("bp.treated.uncontrolled", "bp-uncontrolled");
        Finding wearable = warning("wearables.spo2-very-low", "bp-home-high");
        CardComposer ranked = new CardComposer(catalog, Map.of("wearables.spo2-very-low", 83, "bp.treated.uncontrolled", 50));

        assertThat(ranked.compose(List.of(bp, wearable), THRESHOLDS)).extracting(c -> c.ruleIds().get(0))
                .containsExactly("wearables.spo2-very-low", "bp.treated.uncontrolled");
        // without ranks the rule id only breaks the tie
        assertThat(composer.compose(List.of(wearable, bp), THRESHOLDS)).extracting(c -> c.ruleIds().get(0))
                .containsExactly("bp.treated.uncontrolled", "wearables.spo2-very-low");
    }

    // ---- summary length ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a merged summary of many headlines is cut below 140 characters with an ellipsis")
    void longMergedSummaryIsShortened() {
        List<Finding> many = new ArrayList<>();
        for (String template : List.of("bp-controlled", "bp-cuffless-not-used", "bp-home-below-threshold", "bp-insufficient-data",
                "bp-no-home-data", "bp-normotension", "bp-white-coat-effect", "bp-white-coat-hypertension", "data-unavailable")) {
            many.add(new Finding("rule." + template, Severity.INFO, template, PROVENANCE, worstCaseParams()));
        }

        Card card = cards(composer.compose(many, THRESHOLDS)).get(0);

        assertThat(card.summary()).hasSizeLessThan(140).startsWith(catalog.policy().summaryCardHeadline()).endsWith("…");
        assertThat(card.detail()).contains("#### White-coat hypertension pattern");
    }

    /** Every template id in cds-cards/ (one YAML per template, besides the policy). */
    static Stream<String> templateIds() throws IOException {
        try (Stream<Path> files = Files.walk(CARDS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("policy.yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .sorted().toList().stream();
        }
    }

    /** Values as long as they can get: five-digit counts, three-digit pressures, a long device label and lists. */
    static Map<String, Object> worstCaseParams() {
        String device = "A&D Medical UA-651BLE Plus Extended Connectivity Edition with Bluetooth Low Energy gateway";
        Provenance provenance = new Provenance(TestSources.one(DeviceTier.CLINIC_ISSUED, device), 99999, 99999, 99999, 99999,
                new Provenance.NotUsed(99999, 99999, false), DeviceTier.CLINIC_ISSUED, null);
        HomeBloodPressure home = new HomeBloodPressure(true, 99999, 99999, 99999, 99999, 259, 159, false, 99999, 99999, 99999,
                99999, new HomeBloodPressure.SevereReading(259, 159, "30 Sep 23:59", device), provenance);
        Map<String, Object> params = new HashMap<>();
        params.put("home", home);
        params.put("severe", home.severeReading());
        params.put("office", new OfficeBloodPressure(259, 159, 99999, 99999, "2026-11-01"));
        params.put("treatment", new AntihypertensiveTreatment(true, true, List.of("amlodipine 10 MG Oral Tablet",
                "hydrochlorothiazide 25 MG Oral Tablet", "lisinopril 40 MG Oral Tablet", "metoprolol succinate 200 MG")));
        params.put("quality", new DataQuality(99999, 99999, 99999, List.of("vital signs (home and office blood pressure)",
                "the patient's devices (provenance of home readings)", "active medications (treated vs untreated)")));
        return params;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateIds")
    @DisplayName("every template's summary stays under 140 characters, even with the longest values")
    void everySummaryUnder140(String templateId) {
        Map<String, Object> params = worstCaseParams();
        Provenance provenance = ((HomeBloodPressure) params.get("home")).provenance();
        Finding finding = new Finding("rule." + templateId, Severity.WARNING, templateId, provenance, params);

        Card card = compose(finding).get(0);

        assertThat(card.summary()).isNotBlank().hasSizeLessThan(140);
    }

    // ---- what every card carries ----------------------------------------------------------------------------------

    @Test
    @DisplayName("every card has its own uuid, a source label and coded override reasons")
    void everyCardIsComplete() {
        CardPolicy policy = catalog.policy();
        List<Card> first = compose(severe("Omron Healthcare HEM-9200T"), maskedUncontrolled(), cuffless(), unavailable());
        List<Card> second = compose(severe("Omron Healthcare HEM-9200T"), maskedUncontrolled(), cuffless(), unavailable());

        Set<String> uuids = new HashSet<>();
        for (Card card : Stream.concat(first.stream(), second.stream()).toList()) {
            assertThat(UUID.fromString(card.uuid()).toString()).isEqualTo(card.uuid());
            uuids.add(card.uuid());
            assertThat(card.source()).isNotNull();
            assertThat(card.source().label()).isNotBlank();
            assertThat(card.overrideReasons()).isNotEmpty().allSatisfy(reason -> {
                assertThat(reason.system()).isEqualTo(policy.overrideReasonSystem());
                assertThat(reason.code()).isNotBlank();
                assertThat(reason.display()).isNotBlank();
            });
        }
        assertThat(uuids).as("a fresh uuid per card and per call").hasSize(first.size() + second.size());
    }

    @Test
    @DisplayName("a card with suggestions has selectionBehavior 'any' and a uuid per suggestion; one without has neither")
    void suggestionsAndSelectionBehavior() {
        Card masked = compose(maskedUncontrolled()).get(0);
        Card cuffless = compose(cuffless()).get(0);

        assertThat(masked.suggestions()).hasSize(2).allSatisfy(s -> {
            assertThat(s.label()).isNotBlank();
            assertThat(UUID.fromString(s.uuid())).isNotNull();
        });
        assertThat(masked.selectionBehavior()).isEqualTo("any");
        // The ABPM offer drafts a resource the clinician reviews; nothing is ordered by Flipside itself.
        assertThat(masked.suggestions().get(0).actions()).singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo("create"));
        assertThat(cuffless.suggestions()).isEmpty();
        assertThat(cuffless.selectionBehavior()).isNull();
    }

    @Test
    @DisplayName("a merged card with suggestions from its sections also has selectionBehavior 'any'")
    void mergedCardSuggestions() {
        Finding whiteCoat = new Finding("bp.untreated.white-coat-hypertension", Severity.INFO, "bp-white-coat-hypertension",
                PROVENANCE, Map.of("home", HOME, "office", OFFICE));

        Card card = compose(whiteCoat, cuffless()).get(0);

        assertThat(card.suggestions()).extracting(Card.Suggestion::label)
                .containsExactly("Consider ABPM confirmation before starting treatment");
        assertThat(card.selectionBehavior()).isEqualTo("any");
    }

    // ---- texts -----------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("texts are markdown, not HTML: 'A&D Medical' is not escaped to '&amp;'")
    void noHtmlEscaping() {
        Provenance tierB = new Provenance(TestSources.one(DeviceTier.VALIDATED, "A&D Medical UA-651BLE"), 14, 7, 28, 0, null, DeviceTier.VALIDATED, null);
        Finding finding = new Finding("bp.severe-home-reading", Severity.CRITICAL, "bp-severe-reading", tierB,
                Map.of("home", HOME, "severe", new HomeBloodPressure.SevereReading(186, 122, "19 Nov 07:30", "A&D Medical UA-651BLE")));

        Card card = compose(finding).get(0);

        assertThat(card.detail()).contains("(patient's local time, A&D Medical UA-651BLE)")
                .contains("**Data:** Tier B: patient-owned validated device (A&D Medical UA-651BLE)")
                .doesNotContain("&amp;");
        assertThat(card.summary()).isEqualTo("Home BP 186/122 on 19 Nov 07:30 (validated cuff, home data): same-day contact suggested");
    }

    @Test
    @DisplayName("threshold values print as people write them ('130/80', not '130.0/80.0')")
    void thresholdsPrintAsWritten() {
        Card card = compose(maskedUncontrolled()).get(0);

        assertThat(card.summary()).isEqualTo("Home BP avg 138/86 (14 readings, 7 days) above 130/80 while office at goal: "
                + "masked uncontrolled hypertension");
        assertThat(card.detail()).doesNotContain(".0/");
    }

    @Test
    @DisplayName("the detail ends with the provenance line and the talking points")
    void provenanceAndTalkingPoints() {
        Card card = compose(maskedUncontrolled()).get(0);

        assertThat(card.detail())
                .contains("**Data:** Tier A: clinic-issued validated device (Omron Healthcare HEM-9200T) · 14 readings on 7 days "
                        + "in the last 28 days · longest gap 2 d")
                .contains("**Talking points**")
                .contains("- Your home average over 7 days was 138/86.");
        assertThat(card.detail().indexOf("**Data:**")).isLessThan(card.detail().indexOf("**Talking points**"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("notUsedWordings")
    @DisplayName("the data line words the readings left out from counts (cds-cards/partials/provenance.mustache)")
    void notUsedIsWordedByTheTemplate(Provenance.NotUsed notUsed, String words) {
        Provenance provenance = new Provenance(PROVENANCE.source(), 14, 7, 28, 0, notUsed, DeviceTier.CLINIC_ISSUED, null);
        Finding finding = new Finding("bp.treated.masked-uncontrolled", Severity.WARNING, "bp-masked-uncontrolled", provenance,
                Map.of("home", HOME, "office", OFFICE, "treatment", TREATED));

        assertThat(compose(finding).get(0).detail()).contains("in the last 28 days · " + words + "\n");
    }

    static Stream<Arguments> notUsedWordings() {
        return Stream.of(
                Arguments.of(Provenance.NotUsed.readings(1, 0), "1 cuffless (watch/ring) reading not used"),
                Arguments.of(Provenance.NotUsed.readings(0, 3), "3 unvalidated or self-reported readings not used"),
                Arguments.of(Provenance.NotUsed.readings(2, 1),
                        "2 cuffless (watch/ring) readings and 1 unvalidated or self-reported reading not used"),
                Arguments.of(Provenance.NotUsed.EARLIER_SCALE,
                        "weights from an earlier scale not compared (the baseline restarts with a new scale)"));
    }

    @Test
    @DisplayName("when a severe reading was taken and uploaded is worded by the template: a late upload names its delay")
    void readingTimeIsWordedByTheTemplate() {
        ReadingTime late = ReadingTime.of(LocalDateTime.parse("2026-11-19T07:30"), Instant.parse("2026-11-19T12:30:00Z"),
                Instant.parse("2026-11-19T15:30:00Z"), Instant.parse("2026-11-20T07:30:00Z"));
        HomeBloodPressure.SevereReading reading = new HomeBloodPressure.SevereReading(186, 122, "19 Nov 07:30",
                new DeviceInfo(DeviceTier.VALIDATED, DeviceKind.UPPER_ARM_CUFF, "Omron Healthcare HEM-9200T"), late,
                TestSources.one(DeviceTier.VALIDATED, "home"), DeviceTier.VALIDATED, false, PROVENANCE);
        Finding finding = new Finding("bp.severe-home-reading", Severity.CRITICAL, "bp-severe-reading", PROVENANCE,
                Map.of("home", HOME, "severe", reading));

        assertThat(compose(finding).get(0).detail()).contains("; 19 h ago, uploaded 3 h after it was taken)");
    }

    @Test
    @DisplayName("a finding without provenance gets no provenance line")
    void noProvenanceLine() {
        Card card = compose(unavailable()).get(0);

        assertThat(card.detail()).startsWith("Flipside could not retrieve: active medications (treated vs untreated).")
                .doesNotContain("**Data:**");
    }
}
