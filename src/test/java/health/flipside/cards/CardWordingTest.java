package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import health.flipside.content.ContentCopy;
import health.flipside.content.ContentGate;
import health.flipside.content.PatientInput;
import health.flipside.examples.ExamplePatients;
import health.flipside.facts.DataQuality;
import health.flipside.facts.bp.BpThresholds;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.Thresholds;
import health.flipside.facts.glucose.Ketones;
import health.flipside.facts.heartfailure.KccqBand;
import health.flipside.facts.heartfailure.KccqChange;
import health.flipside.facts.heartfailure.KccqChangeSize;
import health.flipside.facts.proms.Ago;
import health.flipside.facts.proms.EsasAssessment;
import health.flipside.facts.proms.EsasBand;
import health.flipside.facts.proms.EsasSymptom;
import health.flipside.facts.proms.PromBand;
import health.flipside.facts.proms.PromOverview;
import health.flipside.facts.proms.PromResult;
import health.flipside.facts.proms.PromsThresholds;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.Provenance;
import health.flipside.fhir.PrefetchQuery;
import health.flipside.fhir.ResolvedData;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.trend.PromTrend;
import health.flipside.trend.TrendBuilder;
import health.flipside.trend.TrendView;

/**
 * Every word a physician reads comes from cds-cards/: facts give flags, numbers and codes, the partials in
 * cds-cards/partials/ word them. These read the bundled partials, and show that an author's edit of one changes the
 * card with no Java.
 */
class CardWordingTest {
    private static final Path CARDS = Path.of("cds-cards");
    private static CardCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = CardCatalog.load(CARDS);
    }

    @Test
    @DisplayName("device-source: the tiers most trusted first, each device once, and devices without a name")
    void deviceSource() {
        DeviceInfo cuff = new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF, "Omron HEM-9200T");
        DeviceSource source = DeviceSource.of(List.of(DeviceInfo.UNRESOLVED, cuff, DeviceInfo.SELF_REPORTED, cuff));

        assertThat(catalog.words("device-source", source)).isEqualTo("Tier A: clinic-issued validated device (Omron HEM-9200T); "
                + "Tier D: self-reported, unverified (device record not available, source unverified, typed in by the patient)");
        assertThat(catalog.words("device-source", DeviceSource.of(List.of(new DeviceInfo(DeviceTier.REGULATED,
                DeviceKind.GLUCOSE_METER, "Acme GM-7"))))).isEqualTo(
                "Tier B: regulated medical device, model not verified by the clinic (Acme GM-7)");
    }

    @Test
    @DisplayName("device-name: a device without a name says why it has none")
    void deviceName() {
        assertThat(catalog.words("device-name", DeviceInfo.OFFICE)).isEqualTo("clinic measurement");
        assertThat(catalog.words("device-name", new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, null)))
                .isEqualTo("unnamed device");
        assertThat(catalog.words("device-name", DeviceInfo.SELF_REPORTED)).isEqualTo("typed in by the patient");
    }

    @Test
    @DisplayName("unavailable-data: every key the service prefetches is worded, for the data-unavailable card")
    void unavailableData() {
        List<String> keys = PatientDataSummary.descriptor().prefetch().stream().map(PrefetchQuery::key).toList();

        assertThat(DataQuality.Unavailable.of(keys)).allSatisfy(missing -> assertThat(catalog.words("unavailable-data", missing))
                .as(missing.key()).isNotBlank());
        assertThat(catalog.words("unavailable-data", DataQuality.Unavailable.of(List.of("medications")).get(0)))
                .isEqualTo("active medications (treated vs untreated)");
    }

    @ParameterizedTest(name = "{0} days ago → \"{1}\"")
    @CsvSource({"0, today", "1, yesterday", "4, a few days ago", "10, last week", "21, three weeks ago",
        "35, last month", "65, two months ago", "340, eleven months ago", "400, over a year ago"})
    void timeAgo(int days, String words) {
        assertThat(catalog.words("time-ago", new Ago(days))).isEqualTo(words);
    }

    @Test
    void ketoneValue() {
        assertThat(catalog.words("ketone-value", new Ketones(true, true, 2.14, "18 Nov 07:30", true, false, -1, false, null)))
                .isEqualTo("2.1 mmol/L (blood)");
        assertThat(catalog.words("ketone-value", new Ketones(true, false, 3, "18 Nov 07:30", true, false, -1, false, null)))
                .isEqualTo("moderate (urine strip)");
    }

    @Test
    @DisplayName("an author changes a word in a partial: the card says the new word, with no Java")
    void anAuthorEditsAPartial(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "partials/device-tier.mustache",
                text -> text.replace("clinic-issued validated device", "clinic-lent validated cuff"));

        String edited = detail(CardCatalog.load(cards));
        String bundled = detail(catalog);

        assertThat(edited).contains("**Data:** Tier A: clinic-lent validated cuff (Omron HEM-9200T)")
                .doesNotContain("clinic-issued");
        assertThat(bundled).contains("**Data:** Tier A: clinic-issued validated device (Omron HEM-9200T)");
    }

    @Test
    @DisplayName("an author rewords a questionnaire band: the result card, the overview line and the trend view follow")
    void anAuthorRewordsABand(@TempDir Path temp) throws IOException {
        LoadedContent content = editedContent(temp, Map.of("partials/prom-band.mustache",
                text -> text.replace("{{#is.MILD}}mild{{/is.MILD}}", "{{#is.MILD}}mild symptoms{{/is.MILD}}")));
        Instant now = ExamplePatients.ANCHOR;
        ResolvedData data = gad7(now);

        Card card = content.pipeline().run(data, now).cards().stream()
                .filter(c -> c.summary().startsWith("Questionnaires:")).findFirst().orElseThrow();
        PromTrend gad7 = new TrendBuilder(content.rules().thresholds(), content.cards())
                .build(content.pipeline().patient(data), now).proms().get(0);

        assertThat(card.summary()).isEqualTo("Questionnaires: GAD-7 9 (mild symptoms)");
        assertThat(card.detail()).contains("**GAD-7 9** (mild symptoms)");
        assertThat(gad7.latest().band()).isEqualTo("mild symptoms");
        assertThat(gad7.bands()).extracting(PromTrend.ScoreBand::label).containsExactly("minimal", "mild symptoms", "moderate", "severe");
    }

    @Test
    @DisplayName("trend-proms and trend-page: an author rewords the trend view's sentences and buttons, no Java or JavaScript")
    void anAuthorRewordsTheTrendView(@TempDir Path temp) throws IOException {
        LoadedContent content = editedContent(temp, Map.of(
                "partials/trend-proms.mustache", text -> text.replace(" MCID {{mcid}} points;", " Smallest change that matters: {{mcid}} points;"),
                "partials/trend-page.mustache", text -> text.replace("}}Show tables{{", "}}Table view{{")));
        Instant now = ExamplePatients.ANCHOR;
        ResolvedData data = gad7(now);

        TrendView view = new TrendBuilder(content.rules().thresholds(), content.cards()).build(content.pipeline().patient(data), now);

        assertThat(view.proms().get(0).text().get("summary")).startsWith("**Latest 9 (mild), ")
                .contains(" Smallest change that matters: 4 points; higher is worse.").doesNotContain("MCID");
        assertThat(view.labels()).containsEntry("page.showTables", "Table view").containsEntry("page.showCharts", "Show charts");
    }

    @Test
    @DisplayName("kccq-band and kccq-change-size: an author's words for a KCCQ-12 band reach the card")
    void anAuthorRewordsAKccqBand(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "partials/kccq-band.mustache", text -> text.replace("}}fair to good{{", "}}fair to good (KCCQ){{"));
        KccqChange kccq = new KccqChange(50, "19 Nov", true, 62, "23 Oct", -12, KccqChangeSize.MODERATE, KccqBand.FAIR_TO_GOOD);
        Finding finding = new Finding("heart-failure.kccq-decline", Severity.WARNING, "heart-failure-kccq-decline", null,
                Map.of("kccq", kccq));

        Card bundled = new CardComposer(catalog).compose(List.of(finding), List.of()).get(0).card();
        Card edited = new CardComposer(CardCatalog.load(cards)).compose(List.of(finding), List.of()).get(0).card();

        assertThat(bundled.summary()).isEqualTo("KCCQ-12 down 12 points (62 → 50): moderate decline");
        assertThat(bundled.detail()).contains("Now \"fair to good\".");
        assertThat(edited.detail()).contains("Now \"fair to good (KCCQ)\".");
        assertThat(catalog.words("kccq-change-size", KccqChangeSize.LARGE)).isEqualTo("large");
    }

    @Test
    @DisplayName("esas-symptom and esas-score: an author's word for a symptom reaches every ESAS-r list, commas between items")
    void anAuthorRewordsAnEsasSymptom(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "partials/esas-symptom.mustache", text -> text.replace("}}tiredness{{", "}}fatigue{{"));
        EsasAssessment.Item pain = new EsasAssessment.Item(EsasSymptom.PAIN, 8, EsasBand.SEVERE, 3, false);
        EsasAssessment.Item tiredness = new EsasAssessment.Item(EsasSymptom.TIREDNESS, 7, EsasBand.SEVERE, -1, false);
        EsasAssessment esas = new EsasAssessment("18 Nov 2026", 2, true, List.of(pain, tiredness), List.of(pain, tiredness),
                List.of(pain), List.of(), List.of(pain, tiredness), "4 Nov 2026");
        Finding finding = new Finding("proms.esas-severe-symptom", Severity.WARNING, "proms-esas-severe", null, Map.of("esas", esas));

        Card bundled = new CardComposer(catalog).compose(List.of(finding), List.of(PromsThresholds.standard())).get(0).card();
        Card edited = new CardComposer(CardCatalog.load(cards)).compose(List.of(finding), List.of(PromsThresholds.standard()))
                .get(0).card();

        assertThat(bundled.summary()).isEqualTo("ESAS-r 18 Nov 2026: severe (≥7/10) pain 8, tiredness 7; worse: pain 3 → 8");
        assertThat(edited.summary()).isEqualTo("ESAS-r 18 Nov 2026: severe (≥7/10) pain 8, fatigue 7; worse: pain 3 → 8");
        assertThat(edited.detail()).contains("the patient rated **pain 8, fatigue 7**").doesNotContain("tiredness");
        assertThat(catalog.words("esas-band", EsasBand.MODERATE)).isEqualTo("moderate");
    }

    @Test
    @DisplayName("policy.yaml layout: an author's words around the template texts reach single and merged cards")
    void anAuthorRewordsTheLayout(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "policy.yaml", text -> text.replace("talkingPoints: \"**Talking points**\"",
                "talkingPoints: \"**For the conversation**\"").replace("source: \"*Source: {label}*\"", "source: \"*Guideline: {label}*\"")
                .replace("sourceWithLink: \"*Source: [{label}]({url})*\"", "sourceWithLink: \"*Guideline: [{label}]({url})*\"")
                .replace("summaryCard: \"{headline}: {headlines}\"", "summaryCard: \"{headline} — {headlines}\"")
                .replace("trendLink: \"See the trend\"", "trendLink: \"Home data over time\""));
        CardCatalog edited = CardCatalog.load(cards);
        Finding insufficient = new Finding("bp.insufficient-home-data", Severity.INFO, "bp-insufficient-data", null,
                Map.of("home", new HomeBloodPressure(false, 5, 3, 3, 2, 128, 78, false, 0, 0, 9, 0, null, null)));
        Finding kccq = new Finding("heart-failure.kccq-improvement", Severity.INFO, "heart-failure-kccq-improvement", null,
                Map.of("kccq", new KccqChange(57, "19 Nov", true, 45, "23 Oct", 12, KccqChangeSize.MODERATE, KccqBand.FAIR_TO_GOOD)));
        List<Thresholds> thresholds = List.of(BpThresholds.standard());

        Card single = new CardComposer(edited).compose(List.of(kccq), thresholds).get(0).card();
        Card merged = new CardComposer(edited).compose(List.of(insufficient, kccq), thresholds).get(0).card();

        assertThat(single.detail()).contains("**For the conversation**").doesNotContain("Talking points");
        assertThat(merged.summary()).startsWith(edited.policy().summaryCardHeadline() + " — ");
        assertThat(merged.detail()).contains("*Guideline: [KCCQ: Spertus").doesNotContain("*Source:");
        assertThat(edited.policy().layout().trendLink()).isEqualTo("Home data over time");
    }

    @Test
    @DisplayName("policy.yaml layout: a placeholder its text cannot fill is refused at its line")
    void aLayoutPlaceholderThatNamesNothing(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "policy.yaml", text -> text.replace("source: \"*Source: {label}*\"", "source: \"*Source: {lable}*\""));

        assertThatThrownBy(() -> CardCatalog.load(cards)).isInstanceOf(CardCatalogException.class)
                .hasMessageContaining("policy.yaml").hasMessageContaining("{lable} in 'layout.source'");
    }

    @Test
    @DisplayName("prom-overview-names and prom-overview-more: the summary line's words, and the cut measured on them")
    void anAuthorRewordsTheOverviewLine(@TempDir Path temp) throws IOException {
        PromOverview overview = new PromOverview(List.of(result("PROMIS-29 anxiety", "62.1", PromBand.MODERATE),
                result("PROMIS-29 fatigue", "58", PromBand.MILD), result("PROMIS-29 sleep disturbance", "61", PromBand.MODERATE)), null);
        CardCatalog more = CardCatalog.load(edited(temp.resolve("more"), "partials/prom-overview-more.mustache",
                text -> text.replace(" and {{more}} more", " (+{{more}})")));
        CardCatalog mild = CardCatalog.load(edited(temp.resolve("mild"), "partials/prom-band.mustache",
                text -> text.replace("}}mild{{", "}}mild, within the range of the general population{{")));

        assertThat(summaryLine(catalog, overview)).isEqualTo("PROMIS-29 anxiety 62.1 (moderate), PROMIS-29 fatigue 58 (mild) and 1 more");
        assertThat(summaryLine(more, overview)).isEqualTo("PROMIS-29 anxiety 62.1 (moderate), PROMIS-29 fatigue 58 (mild) (+1)");
        assertThat(summaryLine(mild, overview)).as("the longer band word leaves room for one name only")
                .isEqualTo("PROMIS-29 anxiety 62.1 (moderate) and 2 more");
    }

    /** What follows "Questionnaires: " in the summary card's line, the names fitted as the pipeline fits them. */
    private static String summaryLine(CardCatalog cards, PromOverview overview) {
        Finding finding = new Finding("proms.scores", Severity.INFO, "proms-scores", null,
                Map.of("overview", overview.fitted(cards::promOverviewNames)));
        return new CardComposer(cards).compose(List.of(finding), List.of()).get(0).card().summary().replaceFirst("^Questionnaires: ", "");
    }

    private static PromResult result(String name, String score, PromBand band) {
        return new PromResult("PROMIS-29", name.replace("PROMIS-29 ", ""), name, true, true, Double.parseDouble(score),
                score, band, false, "18 Nov 2026", 2, true, null, false, false, false, -1, false);
    }

    @Test
    @DisplayName("a template naming a partial that does not exist is refused at the template's file")
    void missingPartial(@TempDir Path temp) throws IOException {
        Path cards = edited(temp, "bp/bp-insufficient-data.yaml",
                text -> text.replaceFirst("detail: \\|\\n", "detail: |\n  {{> no-such-words}}\n"));

        assertThatThrownBy(() -> CardCatalog.load(cards)).isInstanceOf(CardCatalogException.class)
                .hasMessageContaining("bp-insufficient-data.yaml").hasMessageContaining("no-such-words");
    }

    /** A copy of cds-cards/ with one file edited as an author would. */
    /** The bundled rules and cards with some card files edited as an author would, loaded through the gate. */
    private static LoadedContent editedContent(Path temp, Map<String, UnaryOperator<String>> edits) throws IOException {
        ContentCopy copy = ContentCopy.in(temp);
        for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
            Path file = copy.cards.resolve(edit.getKey());
            Files.writeString(file, edit.getValue().apply(Files.readString(file)));
        }
        return ContentGate.load(copy.rules, copy.cards);
    }

    /** A patient whose latest GAD-7 is 9 (mild), changed by less than the reliable change. */
    private static ResolvedData gad7(Instant now) {
        return PatientInput.fromHookRequest(ExamplePatients.hookRequest(ExamplePatients.named("proms-gad7-change-below-rci"), now).toString());
    }

    private static Path edited(Path temp, String file, UnaryOperator<String> edit) throws IOException {
        Path cards = ContentCopy.in(temp).cards;
        Files.writeString(cards.resolve(file), edit.apply(Files.readString(cards.resolve(file))));
        return cards;
    }

    private static String detail(CardCatalog cards) {
        DeviceSource cuff = DeviceSource.of(List.of(new DeviceInfo(DeviceTier.CLINIC_ISSUED, DeviceKind.UPPER_ARM_CUFF,
                "Omron HEM-9200T")));
        Provenance provenance = new Provenance(cuff, 5, 3, 28, 0, null, DeviceTier.CLINIC_ISSUED, null);
        HomeBloodPressure home = new HomeBloodPressure(false, 5, 3, 3, 2, 128, 78, false, 0, 0, 9, 0, null, provenance);
        Finding finding = new Finding("bp.insufficient-home-data", Severity.INFO, "bp-insufficient-data", provenance,
                Map.of("home", home));
        return new CardComposer(cards).compose(List.of(finding), List.of(BpThresholds.standard())).get(0).card().detail();
    }
}
