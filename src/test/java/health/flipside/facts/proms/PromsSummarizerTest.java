package health.flipside.facts.proms;

import health.flipside.facts.ClinicalContext;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PROM summaries (docs/clinical-sources.md, PROMs and across topics): item 9 window and assessment, bands at cut
 * points, MCID and RCI. */
class PromsSummarizerTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final ZoneOffset ZONE = ZoneOffset.ofHours(-5);
    static final Thresholds T = PromsThresholds.standard();
    private final PromsSummarizer summarizer = new PromsSummarizer();

    // ---- builders ----------------------------------------------------------------------------------------------

    static PromScore score(String instrument, String scale, double value, Duration ago) {
        return score(instrument, scale, value, ago, Map.of());
    }

    static PromScore score(String instrument, String scale, double value, Duration ago, Map<String, Integer> items) {
        Instant at = NOW.minus(ago);
        return new PromScore(instrument, scale, value, at, LocalDateTime.ofInstant(at, ZONE), true, items);
    }

    /** A complete PHQ-9 with the given item 9 answer (other items make up the total). */
    static PromScore phq9(double total, int item9, Duration ago) {
        return score("PHQ-9", "total", total, ago, Map.of("9", item9));
    }

    static Duration days(double days) {
        return Duration.ofMinutes(Math.round(days * 24 * 60));
    }

    List<Object> facts(ClinicalContext context, PromScore... scores) {
        PatientData data = new PatientData(List.of(), List.of(), Arrays.asList(scores), context, List.of(), true, 0, List.of());
        return summarizer.facts(data, T, NOW);
    }

    List<Object> facts(PromScore... scores) {
        return facts(ClinicalContext.UNKNOWN, scores);
    }

    static ClinicalContext assessedAt(Instant at) {
        return new ClinicalContext(true, Set.of(), true, Set.of(), Map.of("suicide-risk-assessment", at));
    }

    static <T> Optional<T> one(List<Object> facts, Class<T> type) {
        List<T> found = facts.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    static PromResult result(List<Object> facts, String instrument, String scale) {
        return facts.stream().filter(PromResult.class::isInstance).map(PromResult.class::cast)
                .filter(r -> r.is(instrument, scale)).findFirst().orElseThrow();
    }

    static boolean hasResult(List<Object> facts, String instrument, String scale) {
        return facts.stream().filter(PromResult.class::isInstance).map(PromResult.class::cast)
                .anyMatch(r -> r.is(instrument, scale));
    }

    // ---- item 9 ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("PHQ-9 item 9")
    class Item9 {
        @Test
        @DisplayName("positive 13 days 23 hours ago is inside the 14-day window; 14 days 1 hour ago is not (but still reported)")
        void window() {
            PhqItem9Response inside = one(facts(phq9(12, 1, days(13).plusHours(23))), PhqItem9Response.class).orElseThrow();
            PhqItem9Response outside = one(facts(phq9(12, 1, days(14).plusHours(1))), PhqItem9Response.class).orElseThrow();

            assertThat(inside.withinWindow()).isTrue();
            assertThat(outside.withinWindow()).isFalse();
        }

        @Test
        @DisplayName("an answer of 0 is not positive: no item 9 fact")
        void zero() {
            assertThat(one(facts(phq9(12, 0, days(2))), PhqItem9Response.class)).isEmpty();
        }

        @Test
        @DisplayName("the positive cut-off is a threshold: with item9PositiveMin 2, an answer of 1 raises nothing")
        void cutOffIsConfigurable() {
            PatientData data = new PatientData(List.of(), List.of(), List.of(phq9(12, 1, days(2))), ClinicalContext.UNKNOWN,
                    List.of(), true, 0, List.of());
            List<Object> facts = summarizer.facts(data, PromsThresholds.with(Map.of("item9PositiveMin", 2.0)), NOW);
            assertThat(one(facts, PhqItem9Response.class)).isEmpty();
        }

        @Test
        @DisplayName("an assessment documented at the completion instant counts as since; one minute before does not")
        void assessedSince() {
            PromScore positive = phq9(12, 2, days(2));
            PhqItem9Response same = one(facts(assessedAt(positive.completedAt()), positive), PhqItem9Response.class).orElseThrow();
            PhqItem9Response before = one(facts(assessedAt(positive.completedAt().minusSeconds(60)), positive),
                    PhqItem9Response.class).orElseThrow();

            assertThat(same.assessedSince()).isTrue();
            assertThat(before.assessedSince()).isFalse();
            assertThat(before.lastAssessment()).isEqualTo("18 Nov 2026");
        }

        @Test
        @DisplayName("two positives: the latest decides, so an assessment between them does not answer the second")
        void latestPositive() {
            PromScore first = phq9(14, 1, days(10));
            PromScore second = phq9(15, 2, days(3));
            PhqItem9Response item9 = one(facts(assessedAt(NOW.minus(days(8))), first, second), PhqItem9Response.class).orElseThrow();

            assertThat(item9.value()).isEqualTo(2);
            assertThat(item9.assessedSince()).isFalse();
            assertThat(item9.answer()).isEqualTo("More than half the days");
        }

        @Test
        @DisplayName("a later 'not at all' does not cancel an earlier positive: it is named, and the positive stands")
        void laterNegative() {
            PhqItem9Response item9 = one(facts(phq9(14, 1, days(6)), phq9(9, 0, days(1))), PhqItem9Response.class).orElseThrow();

            assertThat(item9.value()).isEqualTo(1);
            assertThat(item9.laterNegative()).isTrue();
            assertThat(item9.laterNegativeOn()).isEqualTo("19 Nov 2026");
        }

        @Test
        @DisplayName("an unfinished form is not scored, but its item 9 is read: no total, items answered counted")
        void partialForm() {
            PromScore partial = score("PHQ-9", "incomplete", 4, days(1), Map.of("1", 2, "2", 1, "9", 1));
            PhqItem9Response item9 = one(facts(partial), PhqItem9Response.class).orElseThrow();

            assertThat(item9.totalKnown()).isFalse();
            assertThat(item9.itemsAnswered()).isEqualTo(3);
            assertThat(item9.itemsExpected()).isEqualTo(9);
            assertThat(hasResult(facts(partial), "PHQ-9", "total")).isFalse();
        }

        @Test
        @DisplayName("beyond the 90-day look-back a positive is no longer reported")
        void lookback() {
            assertThat(one(facts(phq9(12, 2, days(91))), PhqItem9Response.class)).isEmpty();
        }

        @Test
        @DisplayName("the item 9 card carries that PHQ-9's total, so the summary does not repeat it; once assessed and old, it does")
        void reportedWithItem9() {
            PromScore positive = phq9(12, 1, days(2));
            assertThat(result(facts(positive), "PHQ-9", "total").reportedWithItem9()).isTrue();
            assertThat(one(facts(positive), PromOverview.class)).isEmpty();

            PromScore old = phq9(12, 1, days(20));
            List<Object> assessed = facts(assessedAt(NOW.minus(days(19))), old);
            assertThat(one(assessed, PhqItem9Response.class).orElseThrow().withinWindow()).isFalse();
            assertThat(result(assessed, "PHQ-9", "total").reportedWithItem9()).isFalse();
            assertThat(one(assessed, PromOverview.class).orElseThrow().results()).hasSize(1);
        }
    }

    // ---- bands and warning ranges ------------------------------------------------------------------------------

    @ParameterizedTest(name = "PHQ-9 {0} → {1}, warning {2}")
    @CsvSource({"4, MINIMAL, false", "5, MILD, false", "9, MILD, false", "10, MODERATE, false",
        "14, MODERATE, false", "15, MODERATELY_SEVERE, false", "19, MODERATELY_SEVERE, false", "20, SEVERE, true",
        "27, SEVERE, true"})
    void phq9Bands(double score, PromBand band, boolean warning) {
        PromResult r = result(facts(phq9(score, 0, days(3))), "PHQ-9", "total");
        assertThat(r.band()).isEqualTo(band);
        assertThat(r.inWarningRange()).isEqualTo(warning);
    }

    @ParameterizedTest(name = "GAD-7 {0} → {1}, warning {2}")
    @CsvSource({"4, MINIMAL, false", "5, MILD, false", "10, MODERATE, false", "14, MODERATE, false", "15, SEVERE, true"})
    void gad7Bands(double score, PromBand band, boolean warning) {
        PromResult r = result(facts(score("GAD-7", "total", score, days(3))), "GAD-7", "total");
        assertThat(r.band()).isEqualTo(band);
        assertThat(r.inWarningRange()).isEqualTo(warning);
    }

    @ParameterizedTest(name = "PROMIS-29 {0} T {1} → {2}, warning {3}")
    @CsvSource({"anxiety, 54.9, WITHIN_NORMAL_LIMITS, false", "anxiety, 55, MILD, false", "anxiety, 69.9, MODERATE, false",
        "anxiety, 70, SEVERE, true", "depression, 65, MODERATELY_SEVERE, false", "depression, 70, SEVERE, true",
        "physical function, 45, WITHIN_NORMAL_LIMITS, false", "physical function, 44.9, MILD, false",
        "physical function, 30, MODERATE, false", "physical function, 29.9, SEVERE, true",
        "social roles, 25, SEVERE, true"})
    void promis29Bands(String scale, double t, PromBand band, boolean warning) {
        PromResult r = result(facts(score("PROMIS-29", scale, t, days(3))), "PROMIS-29", scale);
        assertThat(r.band()).isEqualTo(band);
        assertThat(r.inWarningRange()).isEqualTo(warning);
    }

    @ParameterizedTest(name = "PROMIS-10 {0} T {1} → {2} (never a warning)")
    @CsvSource({"global mental health, 56, EXCELLENT", "global mental health, 47.9, GOOD", "global mental health, 29, FAIR",
        "global mental health, 28.9, POOR", "global physical health, 35, FAIR", "global physical health, 34.9, POOR"})
    void promis10Bands(String scale, double t, PromBand band) {
        PromResult r = result(facts(score("PROMIS-10", scale, t, days(3))), "PROMIS-10", scale);
        assertThat(r.band()).isEqualTo(band);
        assertThat(r.inWarningRange()).isFalse();
    }

    @Test
    @DisplayName("scores outside the instrument's range are dropped (PHQ-9 30 of 27, PROMIS T 95), never banded")
    void implausible() {
        List<Object> facts = facts(phq9(30, 0, days(2)), score("PROMIS-29", "anxiety", 95, days(2)));
        assertThat(hasResult(facts, "PHQ-9", "total")).isFalse();
        assertThat(hasResult(facts, "PROMIS-29", "anxiety")).isFalse();
    }

    @Test
    @DisplayName("KCCQ-12 is the heart-failure topic's: read by FHIR, not judged here")
    void kccqLeftToHeartFailure() {
        assertThat(facts(score("KCCQ-12", "overall summary", 40, days(2)))).isEmpty();
    }

    @Test
    @DisplayName("a latest score older than the 90-day look-back is not shown; no questionnaire at all gives no fact")
    void stale() {
        assertThat(facts(phq9(12, 0, days(91)))).isEmpty();
        assertThat(facts()).isEmpty();
    }

    // ---- change: MCID and reliable change ----------------------------------------------------------------------

    @Nested
    @DisplayName("change against the patient's own earlier score")
    class Change {
        @Test
        @DisplayName("PHQ-9 19 → 14: a 5-point fall is a meaningful improvement (MCID 5), but within the RCI threshold 6")
        void improvementAtMcid() {
            PromResult r = result(facts(phq9(19, 0, days(35)), phq9(14, 0, days(1))), "PHQ-9", "total");

            assertThat(r.meaningfulImprovement()).isTrue();
            assertThat(r.change().reliable()).isFalse();
            assertThat(r.change().previousAgo().lastMonth()).isTrue();
            assertThat(r.change().amountText()).isEqualTo("5");
        }

        @Test
        @DisplayName("PHQ-9 19 → 15 (4 points) is stable: below the MCID")
        void belowMcid() {
            PromResult r = result(facts(phq9(19, 0, days(35)), phq9(15, 0, days(1))), "PHQ-9", "total");
            assertThat(r.meaningfulImprovement()).isFalse();
            assertThat(r.change().stable()).isTrue();
        }

        @Test
        @DisplayName("deterioration needs both: +5 meets the MCID but not the RCI threshold (no warning); +6 meets both")
        void deteriorationNeedsBoth() {
            PromResult plus5 = result(facts(phq9(9, 0, days(30)), phq9(14, 0, days(1))), "PHQ-9", "total");
            PromResult plus6 = result(facts(phq9(8, 0, days(30)), phq9(14, 0, days(1))), "PHQ-9", "total");

            assertThat(plus5.change().meaningful()).isTrue();
            assertThat(plus5.reliableDeterioration()).isFalse();
            assertThat(plus6.reliableDeterioration()).isTrue();
        }

        @Test
        @DisplayName("GAD-7: MCID 4 and RCI 6 — +5 is meaningful only, +6 is a reliable deterioration")
        void gad7() {
            PromResult plus5 = result(facts(score("GAD-7", "total", 6, days(35)), score("GAD-7", "total", 11, days(3))), "GAD-7", "total");
            PromResult plus6 = result(facts(score("GAD-7", "total", 6, days(35)), score("GAD-7", "total", 12, days(3))), "GAD-7", "total");
            assertThat(plus5.reliableDeterioration()).isFalse();
            assertThat(plus6.reliableDeterioration()).isTrue();
        }

        @Test
        @DisplayName("a retake 5 days before the latest is skipped: the change is measured against the score at least 14 days older")
        void minimumInterval() {
            PromResult r = result(facts(phq9(19, 0, days(35)), phq9(15, 0, days(6)), phq9(14, 0, days(1))), "PHQ-9", "total");
            assertThat(r.change().previous()).isEqualTo(19);
        }

        @Test
        @DisplayName("an earlier score more than 180 days before the latest is not compared")
        void maximumInterval() {
            PromResult r = result(facts(phq9(19, 0, days(200)), phq9(14, 0, days(1))), "PHQ-9", "total");
            assertThat(r.change()).isNull();
        }

        @Test
        @DisplayName("function scales improve upwards: physical function 35 → 41 is better; 45 → 35 is a reliable deterioration (≥ 8.8 T)")
        void functionDirection() {
            PromResult up = result(facts(score("PROMIS-29", "physical function", 35, days(20)),
                    score("PROMIS-29", "physical function", 41, days(1))), "PROMIS-29", "physical function");
            PromResult down8 = result(facts(score("PROMIS-29", "physical function", 43, days(20)),
                    score("PROMIS-29", "physical function", 35, days(1))), "PROMIS-29", "physical function");
            PromResult down10 = result(facts(score("PROMIS-29", "physical function", 45, days(20)),
                    score("PROMIS-29", "physical function", 35, days(1))), "PROMIS-29", "physical function");

            assertThat(up.meaningfulImprovement()).isTrue();
            assertThat(up.change().rciText()).isEqualTo("8.8");
            assertThat(down8.change().meaningful()).isTrue();
            assertThat(down8.reliableDeterioration()).isFalse();
            assertThat(down10.reliableDeterioration()).isTrue();
        }

        @Test
        @DisplayName("pain NRS 3 → 2 improves by 33% (Farrar: ≈30%) though only 1 point; 2 → 3 (+50%) is not a deterioration; 4 → 6 is")
        void pain() {
            PromResult percent = result(facts(score("Pain NRS", "pain", 3, days(10)), score("Pain NRS", "pain", 2, days(0.1))), "Pain NRS", "pain");
            PromResult smallRise = result(facts(score("Pain NRS", "pain", 2, days(10)), score("Pain NRS", "pain", 3, days(0.1))), "Pain NRS", "pain");
            PromResult rise2 = result(facts(score("Pain NRS", "pain", 4, days(10)), score("Pain NRS", "pain", 6, days(0.1))), "Pain NRS", "pain");

            assertThat(percent.meaningfulImprovement()).isTrue();
            assertThat(percent.change().percent()).isEqualTo(33);
            assertThat(percent.change().rciRequired()).isFalse();
            assertThat(smallRise.reliableDeterioration()).isFalse();
            assertThat(rise2.reliableDeterioration()).isTrue();
        }

        /** The period a card words (cds-cards/partials/time-ago.mustache; CardWordingTest reads the words). */
        @ParameterizedTest(name = "{0} days before now → {1} {2}")
        @CsvSource({"1, yesterday, 0", "4, fewDays, 0", "10, lastWeek, 0", "21, weeks, 3", "35, lastMonth, 0",
            "65, months, 2", "400, overAYear, 0"})
        void whenAsAPeriod(int daysAgo, String period, int count) throws ReflectiveOperationException {
            Ago ago = PromsSummarizer.ago(phq9(19, 0, days(daysAgo)), NOW);
            assertThat(Ago.class.getMethod(period).invoke(ago)).isEqualTo(true);
            assertThat(ago.count()).isEqualTo(count);
            if (daysAgo >= 14 && daysAgo <= 65) {
                PromResult r = result(facts(phq9(19, 0, days(daysAgo)), phq9(14, 0, Duration.ZERO)), "PHQ-9", "total");
                assertThat(r.change().previousAgo()).isEqualTo(ago);
            }
        }
    }

    // ---- PHQ-2, ESAS-r, unfinished forms, overview -------------------------------------------------------------

    @Test
    @DisplayName("PHQ-2 ≥3 is a positive screen; 2 is not; a scored PHQ-9 at or after it speaks instead, an unfinished one does not")
    void phq2() {
        assertThat(result(facts(score("PHQ-2", "total", 3, days(5))), "PHQ-2", "total").phq2Positive()).isTrue();
        assertThat(result(facts(score("PHQ-2", "total", 2, days(5))), "PHQ-2", "total").phq2Positive()).isFalse();
        assertThat(hasResult(facts(score("PHQ-2", "total", 4, days(5)), phq9(12, 0, days(2))), "PHQ-2", "total")).isFalse();
        // an unfinished PHQ-9 does not answer a positive screen
        assertThat(result(facts(score("PHQ-2", "total", 4, days(5)), score("PHQ-9", "incomplete", 3, days(2), Map.of("1", 2, "2", 1))),
                "PHQ-2", "total").phq2Positive()).isTrue();
    }

    @Test
    @DisplayName("ESAS-r: the latest administration, items ≥7 severe, ±2 against the earlier one; a same-day earlier one is not compared")
    void esas() {
        List<PromScore> scores = new ArrayList<>();
        scores.add(score("ESAS-r", "pain", 5, days(10)));
        scores.add(score("ESAS-r", "nausea", 6, days(10)));
        scores.add(score("ESAS-r", "pain", 6, days(1).plusHours(3))); // same day as the latest: not the baseline
        scores.add(score("ESAS-r", "pain", 7, days(1)));
        scores.add(score("ESAS-r", "nausea", 4, days(1)));
        scores.add(score("ESAS-r", "tiredness", 3, days(1)));
        EsasAssessment esas = one(facts(scores.toArray(PromScore[]::new)), EsasAssessment.class).orElseThrow();

        assertThat(esas.answered()).isEqualTo(3);
        assertThat(esas.severe()).extracting(EsasAssessment.Item::symptom, EsasAssessment.Item::score, EsasAssessment.Item::band)
                .containsExactly(tuple(EsasSymptom.PAIN, 7, EsasBand.SEVERE));
        assertThat(esas.deteriorated()).extracting(EsasAssessment.Item::symptom, EsasAssessment.Item::previous, EsasAssessment.Item::score)
                .containsExactly(tuple(EsasSymptom.PAIN, 5, 7));
        assertThat(esas.improved()).extracting(EsasAssessment.Item::symptom, EsasAssessment.Item::previous, EsasAssessment.Item::score)
                .containsExactly(tuple(EsasSymptom.NAUSEA, 6, 4));
        assertThat(esas.notable()).extracting(EsasAssessment.Item::symptom, EsasAssessment.Item::first)
                .as("highest first; only the first opens its list").containsExactly(tuple(EsasSymptom.PAIN, true), tuple(EsasSymptom.NAUSEA, false));
    }

    @Test
    @DisplayName("an unfinished form is reported until a complete one of the same instrument follows it")
    void incomplete() {
        PromScore partial = score("PHQ-9", "incomplete", 5, days(3), Map.of("1", 1, "2", 1, "3", 1, "4", 1, "5", 1, "6", 0));
        IncompleteQuestionnaire form = one(facts(partial), IncompleteQuestionnaire.class).orElseThrow();
        assertThat(form.answered()).isEqualTo(6);
        assertThat(form.expected()).isEqualTo(9);

        assertThat(one(facts(partial, phq9(8, 0, days(1))), IncompleteQuestionnaire.class)).isEmpty();
    }

    @Test
    @DisplayName("the overview lists only what no other card reports, PHQ-9 first")
    void overview() {
        Map<String, Integer> items = new HashMap<>(Map.of("9", 0));
        List<Object> facts = facts(score("GAD-7", "total", 6, days(4)), score("PHQ-9", "total", 8, days(3), items),
                score("PROMIS-29", "anxiety", 72, days(2)));
        PromOverview overview = one(facts, PromOverview.class).orElseThrow();

        assertThat(overview.results()).extracting(PromResult::name).containsExactly("PHQ-9", "GAD-7");
        assertThat(overview.listedNames()).as("every name until the card's words are measured")
                .extracting(n -> n.result().name(), PromOverview.Name::first).containsExactly(tuple("PHQ-9", true), tuple("GAD-7", false));
        assertThat(overview.hasMore()).isFalse();
    }

    @Test
    @DisplayName("the overview's summary line lists as many names as fit 90 characters of the words the card shows")
    void overviewFitsTheSummaryLine() {
        PromOverview overview = one(facts(score("GAD-7", "total", 6, days(4)), score("PHQ-9", "total", 8, days(3), new HashMap<>(Map.of("9", 0)))),
                PromOverview.class).orElseThrow();
        // each name worded in 44 characters: two of them and ", " make 90, three would not fit
        PromOverview fitted = overview.fitted(o -> String.join(", ", o.listedNames().stream().map(n -> "x".repeat(44)).toList()));
        PromOverview wordier = overview.fitted(o -> String.join(", ", o.listedNames().stream().map(n -> "x".repeat(45)).toList()));

        assertThat(fitted.listed()).isEqualTo(2);
        assertThat(fitted.hasMore()).isFalse();
        assertThat(wordier.listedNames()).extracting(n -> n.result().name()).containsExactly("PHQ-9");
        assertThat(wordier.more()).isEqualTo(1);
    }

    @Test
    @DisplayName("the same score delivered twice (two aggregators, same instant) counts once")
    void duplicates() {
        PromScore one = phq9(8, 0, days(3));
        List<Object> facts = facts(one, one);
        assertThat(one(facts, PromOverview.class).orElseThrow().results()).hasSize(1);
    }
}
