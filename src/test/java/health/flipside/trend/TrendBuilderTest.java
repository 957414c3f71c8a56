package health.flipside.trend;

import health.flipside.content.ContentGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import health.flipside.content.PatientInput;
import health.flipside.cards.Card;
import health.flipside.examples.ExamplePatients;
import health.flipside.examples.SyntheaPghd;
import health.flipside.facts.CardFeedback;
import health.flipside.facts.FactBuilder;
import health.flipside.facts.glucose.CgmSummary;
import health.flipside.facts.ClinicalContext;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.heartfailure.HomeWeight;
import health.flipside.facts.heartfailure.KccqBand;
import health.flipside.facts.heartfailure.KccqChangeSize;
import health.flipside.facts.heartfailure.KccqChange;
import health.flipside.facts.proms.EsasAssessment;
import health.flipside.facts.Thresholds;
import health.flipside.facts.Numbers;
import health.flipside.facts.PatientData;
import health.flipside.facts.proms.PromBand;
import health.flipside.facts.proms.PromResult;
import health.flipside.fhir.ResolvedData;
import health.flipside.services.LoadedContent;
import health.flipside.services.SummaryPipeline;

/**
 * The trend view's numbers are the card's: each example runs through the pipeline (cards) and the trend builder on the
 * same data, and the summaries, counts and ranges the page shows are compared with the facts and the card texts.
 */
class TrendBuilderTest {
    private static LoadedContent content;
    private static TrendBuilder builder;
    private static TrendWindows windows;

    @BeforeAll
    static void load() {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        builder = new TrendBuilder(content.rules().thresholds(), content.cards());
        windows = new TrendWindows(content.rules().thresholds());
    }

    private record Both(TrendView view, SummaryPipeline.Explained cards, PatientData patient) {
        <T> T fact(Class<T> type) {
            return cards.facts().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
        }

        List<Card> shown() {
            return cards.result().cards();
        }

        String texts() {
            return String.join("\n", shown().stream().map(c -> c.summary() + "\n" + c.detail()).toList());
        }
    }

    private static Both run(String example) {
        return run(ExamplePatients.named(example));
    }

    private static Both run(ExamplePatients.Example example) {
        Instant now = Instant.now();
        ResolvedData data = PatientInput.fromHookRequest(ExamplePatients.hookRequest(example, now).toString());
        SummaryPipeline pipeline = content.pipeline();
        PatientData patient = pipeline.patient(data);
        return new Both(builder.build(patient, now), pipeline.explain(data, now), patient);
    }

    private static Thresholds thresholds(String topic) {
        return content.rules().thresholds().get(topic);
    }

    @Test
    void homeBloodPressureShowsTheCardsMeanCountAndDaysAndMarksTheReadingsItRestsOn() {
        Both both = run("vignette-1-masked-uncontrolled");
        BloodPressureTrend bp = both.view().bloodPressure();
        HomeBloodPressure home = both.fact(HomeBloodPressure.class);

        assertThat(bp.home().meanSystolic()).isEqualTo(home.meanSystolic()).isEqualTo(138);
        assertThat(bp.home().meanDiastolic()).isEqualTo(home.meanDiastolic()).isEqualTo(86);
        assertThat(bp.home().readings()).isEqualTo(home.readings()).isEqualTo(52);
        assertThat(bp.home().days()).isEqualTo(home.days()).isEqualTo(13);
        assertThat(both.shown().get(0).summary()).contains("138/86", "52 readings", "13 days");
        assertThat(bp.homeReadings().stream().filter(TrendPoint::used)).hasSize(home.readings());
        assertThat(bp.homeReadings()).allSatisfy(p -> assertThat(p.tier()).isEqualTo("A"));
        // the mean of the plotted, used points is the card's mean
        assertThat(Math.round(bp.homeReadings().stream().filter(TrendPoint::used).mapToDouble(TrendPoint::value).average().orElseThrow()))
                .isEqualTo(138);
        assertThat(bp.officeReadings()).isNotEmpty();
        assertThat(bp.office().meanSystolic()).isEqualTo(127);
        assertThat(bp.targets()).extracting(Band::from, Band::to).contains(within0(130));
        assertThat(both.view().glucose()).isNull();
        assertThat(both.view().weight()).isNull();
    }

    private static org.assertj.core.groups.Tuple within0(double to) {
        return org.assertj.core.groups.Tuple.tuple(0.0, to);
    }

    @Test
    void cufflessWatchReadingsAreShownAsTierCAndNeverUsed() {
        BloodPressureTrend bp = run("edge-2-cuffless-watch-only").view().bloodPressure();

        assertThat(bp.homeReadings()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.used()).isFalse();
            assertThat(p.tier()).isEqualTo("C");
        });
        assertThat(bp.home().readings()).isZero();
        assertThat(bp.home().notUsed().hasCuffless()).isTrue();
    }

    @Test
    void rawCgmGivesTheCardsTimeInRangesAndAnHourlyProfile() {
        Both both = run("glucose-raw-cgm-computed");
        GlucoseTrend glucose = both.view().glucose();
        CgmSummary cgm = both.fact(CgmSummary.class);

        assertThat(glucose.ranges().inRange()).isCloseTo(cgm.inRange(), within(0.05));
        assertThat(both.shown().get(0).summary()).contains("time in range " + Numbers.oneDecimal(glucose.ranges().inRange()) + "%");
        assertThat(glucose.ranges().veryLow() + glucose.ranges().low() + glucose.ranges().inRange()
                + glucose.ranges().high() + glucose.ranges().veryHigh()).isCloseTo(100, within(0.3));
        assertThat(glucose.ranges().fromVendorReport()).isFalse();
        assertThat(glucose.profile()).hasSize(24).allSatisfy(h -> assertThat(List.of(h.p5(), h.p25(), h.p50(), h.p75(), h.p95()))
                .isSortedAccordingTo(Double::compare));
        // every sensor reading the card counted is in the profile
        java.util.regex.Matcher counted = java.util.regex.Pattern.compile("computed from (\\d+) sensor readings")
                .matcher(both.shown().get(0).detail());
        assertThat(counted.find()).isTrue();
        assertThat(glucose.profile().stream().mapToInt(GlucoseTrend.ProfileHour::readings).sum())
                .isEqualTo(Integer.parseInt(counted.group(1))).isGreaterThan(1000);
        assertThat(glucose.targetRange().from()).isEqualTo(70);
        assertThat(glucose.targetRange().to()).isEqualTo(180);
    }

    @Test
    void aVendorCgmReportGivesTheRangesButNoProfile() {
        Both both = run("vignette-3-cgm-hypoglycaemia");
        GlucoseTrend glucose = both.view().glucose();

        assertThat(glucose.profile()).isEmpty();
        assertThat(glucose.ranges().fromVendorReport()).isTrue();
        assertThat(glucose.ranges().low() + glucose.ranges().veryLow()).isCloseTo(5.5, within(0.05));
        assertThat(glucose.ranges().veryLow()).isEqualTo(1.6);
        assertThat(both.shown().get(0).summary()).contains("5.5%");
    }

    @Test
    void heartFailureWeightsShowTheCardsBaselineAndTheGainThreshold() {
        Both both = run("vignette-5-hf-weight-kccq");
        WeightTrend weight = both.view().weight();
        HomeWeight judged = both.fact(HomeWeight.class);

        assertThat(weight.summary().baselineLb()).isEqualTo(judged.baselineLb());
        assertThat(weight.summary().gainVsBaselineLb()).isEqualTo(judged.gainVsBaselineLb());
        assertThat(both.shown().get(0).summary() + both.shown().get(0).detail()).contains(judged.gainVsBaselineText());
        assertThat(weight.thresholds()).extracting(Band::from)
                .containsExactly(judged.baselineLb(), judged.baselineLb() + content.rules().thresholds().get("heart-failure").get("gainVsBaselineLb"));
        assertThat(weight.weights().get(weight.weights().size() - 1).value()).isCloseTo(judged.latestLb(), within(0.05));
    }

    @Test
    void phq9ScoresComeWithTheCardsBandTheSeverityBandsAndTheMcid() {
        Both both = run("proms-phq9-severe");
        PromTrend phq9 = both.view().proms().stream().filter(p -> p.name().equals("PHQ-9")).findFirst().orElseThrow();
        PromResult result = both.cards().facts().stream().filter(PromResult.class::isInstance).map(PromResult.class::cast)
                .filter(r -> r.is("PHQ-9", "total")).findFirst().orElseThrow();

        assertThat(phq9.scores()).extracting(TrendPoint::value).containsExactly(15.0, 22.0);
        assertThat(phq9.latest().bandCode()).isEqualTo(result.band()).isEqualTo(PromBand.SEVERE);
        assertThat(phq9.latest().band()).isEqualTo("severe");
        assertThat(phq9.latest().change()).isEqualTo(7.0);
        assertThat(phq9.mcid()).isEqualTo(content.rules().thresholds().get("proms").get("phq9Mcid"));
        assertThat(phq9.bands()).extracting(b -> b.label())
                .containsExactly("minimal", "mild", "moderate", "moderately severe", "severe");
        assertThat(both.shown().get(0).summary()).contains("22");
    }

    @Test
    void gad7BandsStartAtTheThresholdFilesCutPoints() {
        PromTrend gad7 = run("proms-gad7-severe").view().proms().get(0);

        assertThat(gad7.bands()).extracting(b -> b.from()).containsExactly(0.0, 5.0, 10.0, 15.0);
        assertThat(gad7.latest().band()).isEqualTo("severe");
    }

    @Test
    void kccqScoresComeWithTheCardsBandAndChangeTheBandsAndTheMinimumImportantChange() {
        Both both = run("hf-kccq-decline");
        KccqTrend kccq = both.view().kccq();
        KccqChange change = both.fact(KccqChange.class);

        assertThat(kccq.scores()).extracting(TrendPoint::value).containsExactly(62.0, 50.0);
        assertThat(kccq.latest().scoreText()).isEqualTo(change.latestText());
        assertThat(kccq.latest().bandCode()).isEqualTo(change.band()).isEqualTo(KccqBand.FAIR_TO_GOOD);
        assertThat(kccq.latest().band()).isEqualTo("fair to good");
        assertThat(both.texts()).contains("Now \"" + kccq.latest().band() + "\"");
        assertThat(kccq.latest().change()).isEqualTo(change.change()).isEqualTo(-12.0);
        assertThat(change.size()).isEqualTo(KccqChangeSize.MODERATE);
        assertThat(kccq.latest().changeSize()).isEqualTo("moderate");
        assertThat(kccq.latest().completedOn()).isEqualTo(change.latestOn());
        Thresholds t = thresholds("heart-failure");
        assertThat(kccq.mcid()).isEqualTo(t.get("kccqSmall"));
        assertThat(kccq.moderateChange()).isEqualTo(t.get("kccqModerate"));
        assertThat(kccq.largeChange()).isEqualTo(t.get("kccqLarge"));
        assertThat(kccq.bands()).extracting(KccqTrend.ScoreBand::from)
                .containsExactly(0.0, t.get("kccqBandPoor"), t.get("kccqBandFair"), t.get("kccqBandGood"));
        assertThat(kccq.bands()).extracting(KccqTrend.ScoreBand::label)
                .containsExactly("very poor to poor", "poor to fair", "fair to good", "good to excellent");
        assertThat(kccq.max()).isEqualTo(t.get("kccqScoreMax"));
        // each score is marked where it was completed, as the record says
        assertThat(kccq.scores()).extracting(TrendPoint::tier).containsExactlyElementsOf(both.patient()
                .scores("KCCQ-12", "overall summary").stream().map(p -> p.remote() ? "R" : "K").toList());
        assertThat(kccq.scores()).allSatisfy(p -> assertThat(p.source())
                .isEqualTo(both.view().labels().get(p.tier().equals("R") ? "proms.remote" : "proms.inClinic")));
        // drawn beside the weights of the same heart-failure topic
        assertThat(both.view().weight()).isNotNull();
    }

    @Test
    void theWeightAndKccqCardOfVignetteFiveSaysTheBandAndChangeTheViewDraws() {
        Both both = run("vignette-5-hf-weight-kccq");
        KccqTrend kccq = both.view().kccq();
        KccqChange change = both.fact(KccqChange.class);

        assertThat(kccq.latest().bandCode()).isEqualTo(change.band());
        assertThat(kccq.latest().change()).isEqualTo(change.change());
        assertThat(kccq.scores().get(kccq.scores().size() - 1).value()).isEqualTo(change.latest());
        assertThat(both.texts()).contains("\"" + kccq.latest().band() + "\"");
    }

    @Test
    void theSyntheaHeartFailureLayersKccqDeclineIsDrawnWithTheCardsNumbers() {
        SyntheaPghd.Person person = new SyntheaPghd.Person("7c1f3b2e-5d0a-4e36-9a0b-2f6c7d1e8a90", "Lee", "Okafor",
                AdministrativeGender.MALE, LocalDate.of(1958, 3, 14));
        Both both = run(SyntheaPghd.example(person, SyntheaPghd.Picture.HF_WEIGHT_GAIN, 12));
        KccqTrend kccq = both.view().kccq();
        KccqChange change = both.fact(KccqChange.class);

        assertThat(kccq.scores()).extracting(TrendPoint::value).containsExactly(change.previous(), change.latest());
        assertThat(kccq.latest().scoreText()).isEqualTo(change.latestText());
        assertThat(kccq.latest().bandCode()).isEqualTo(change.band());
        assertThat(kccq.latest().change()).isEqualTo(change.change()).isNegative();
        assertThat(kccq.latest().changeSize()).isEqualTo(content.cards().words("kccq-change-size", change.size()));
        assertThat(both.texts()).contains("KCCQ-12 down", "\"" + kccq.latest().band() + "\"");
        assertThat(both.view().weight()).isNotNull();
        assertThat(windows.topics(both.patient(), new FactBuilder(content.rules().thresholds(), content.cards()::promOverviewNames)
                .build(both.patient(), CardFeedback.NONE, Instant.now()), Instant.now())).contains("heart-failure");
    }

    @Test
    void esasSymptomsComeWithTheCardsLatestRatingsBandsAndOrder() {
        Both both = run("proms-esas-severe");
        EsasTrend esas = both.view().esas();
        EsasAssessment card = both.fact(EsasAssessment.class);
        Thresholds t = thresholds("proms");

        assertThat(esas.symptoms()).extracting(EsasTrend.Symptom::symptom)
                .containsExactlyElementsOf(card.items().stream().map(i -> content.cards().words("esas-symptom", i.symptom())).toList());
        for (EsasAssessment.Item item : card.items()) {
            String name = content.cards().words("esas-symptom", item.symptom());
            EsasTrend.Symptom drawn = esas.symptoms().stream().filter(s -> s.symptom().equals(name)).findFirst().orElseThrow();
            assertThat(drawn.latest()).as(name).isEqualTo(item.score());
            assertThat(drawn.previous()).as(name).isEqualTo(item.previous());
            assertThat(drawn.scores()).as(name).extracting(TrendPoint::value)
                    .containsExactly((double) item.previous(), (double) item.score());
            if (item.score() >= t.get("esasModerate")) {
                assertThat(drawn.band()).as(name).isEqualTo(content.cards().words("esas-band", item.band()));
            } else {
                assertThat(drawn.bandCode()).as(name).isNull();
            }
        }
        EsasTrend.Symptom worst = esas.symptoms().get(0);
        assertThat(worst.latest()).isEqualTo(card.highest()).isEqualTo(8);
        assertThat(worst.bandCode()).isEqualTo(PromBand.SEVERE);
        assertThat(both.texts()).contains(worst.symptom() + " " + worst.latest());
        assertThat(esas.completedOn()).isEqualTo(card.completedOn());
        assertThat(esas.previousOn()).isEqualTo(card.previousOn());
        assertThat(esas.bands()).extracting(PromTrend.ScoreBand::code, PromTrend.ScoreBand::label, PromTrend.ScoreBand::from, PromTrend.ScoreBand::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PromBand.MODERATE, "moderate", t.get("esasModerate"), t.get("esasSevere")),
                        org.assertj.core.groups.Tuple.tuple(PromBand.SEVERE, "severe", t.get("esasSevere"), t.get("esasScoreMax")));
        assertThat(esas.mcid()).isEqualTo(t.get("esasItemMcid"));
        // ESAS-r is drawn as its own section, not as a scale of the other questionnaires
        assertThat(both.view().proms()).isEmpty();
    }

    @Test
    void patientsWithoutKccqOrEsasGetNeitherSection() {
        for (String example : List.of("vignette-1-masked-uncontrolled", "hf-weight-stable", "proms-phq9-severe")) {
            TrendView view = run(example).view();
            assertThat(view.kccq()).as(example).isNull();
            assertThat(view.esas()).as(example).isNull();
            assertThat(view.hasData()).as(example).isTrue();
        }
    }

    @Test
    void everyTitleAndLabelOfThePageIsWordedByTheTrendPartials() {
        TrendView view = run("vignette-1-masked-uncontrolled").view();
        Thresholds bp = thresholds("bp");

        assertThat(view.labels()).hasSize(TrendWords.KEYS.values().stream().mapToInt(List::size).sum())
                .allSatisfy((key, words) -> assertThat(words).as(key).isNotBlank());
        assertThat(view.labels()).containsEntry("bp.title", "Blood pressure").containsEntry("kccq.title", "KCCQ-12 overall summary (heart failure)");
        assertThat(view.bloodPressure().targets()).extracting(Band::label).containsExactly(
                "home systolic target below " + bp.getInt("homeHighSystolic"), "home diastolic target below " + bp.getInt("homeHighDiastolic"),
                "office systolic goal below " + bp.getInt("officeHighSystolic"), "office diastolic goal below " + bp.getInt("officeHighDiastolic"));
    }

    @Test
    void theTopicsTheCardsLinkAreTheSectionsTheViewDrawsForEveryExample() {
        Instant now = Instant.now();
        FactBuilder facts = new FactBuilder(content.rules().thresholds(), content.cards()::promOverviewNames);
        Set<String> seen = new HashSet<>();
        for (ExamplePatients.Example example : ExamplePatients.ALL) {
            ResolvedData data = PatientInput.fromHookRequest(ExamplePatients.hookRequest(example, now).toString());
            PatientData patient = content.pipeline().patient(data);
            FactBuilder.Built built = facts.build(patient, CardFeedback.NONE, now);
            TrendView view = builder.build(patient, built, now);

            Set<String> drawn = new HashSet<>();
            if (view.bloodPressure() != null) {
                drawn.add("bp");
            }
            if (view.glucose() != null) {
                drawn.add("glucose");
            }
            if (view.weight() != null || view.kccq() != null) {
                drawn.add("heart-failure");
            }
            if (!view.proms().isEmpty() || view.esas() != null) {
                drawn.add("proms");
            }
            assertThat(windows.topics(patient, built, now)).as(example.name()).isEqualTo(drawn);
            seen.addAll(drawn);
            if (view.weight() == null && view.kccq() != null) {
                seen.add("kccq alone");
            }
            if (view.proms().isEmpty() && view.esas() != null) {
                seen.add("esas alone");
            }
        }
        // the examples exercise every section, and KCCQ-12 and ESAS-r alone, so the comparison covers each selection
        assertThat(seen).containsExactlyInAnyOrder("bp", "glucose", "heart-failure", "proms", "kccq alone", "esas alone");
    }

    @Test
    void aPatientWithoutDataHasNoSection() {
        PatientData nothing = new PatientData(List.of(), List.of(), List.of(), ClinicalContext.UNKNOWN, List.of(), true, 0, List.of());

        TrendView view = builder.build(nothing, Instant.now());

        assertThat(view.hasData()).isFalse();
        assertThat(view.bloodPressure()).isNull();
        assertThat(view.glucose()).isNull();
        assertThat(view.weight()).isNull();
        assertThat(view.proms()).isEmpty();
        assertThat(view.kccq()).isNull();
        assertThat(view.esas()).isNull();
    }

    @Test
    void gapsOfTwoOrMoreEmptyDaysAreListedAndASingleMissedDayIsNot() {
        LocalDate d = LocalDate.parse("2026-11-01");

        assertThat(Gap.between(List.of(d, d.plusDays(2), d.plusDays(5), d.plusDays(5), d.plusDays(6))))
                .containsExactly(new Gap("2026-11-04", "2026-11-05", 2));
        assertThat(Gap.between(List.of(d))).isEmpty();
    }

    @Test
    void eachSectionsSummaryLineStatesTheCardsNumbersInThePartialsWords() {
        Both bp = run("vignette-1-masked-uncontrolled");
        HomeBloodPressure home = bp.fact(HomeBloodPressure.class);
        Both cgm = run("vignette-3-cgm-hypoglycaemia");
        CgmSummary ranges = cgm.fact(CgmSummary.class);

        assertThat(bp.view().bloodPressure().text().get("summary"))
                .startsWith("**Home mean " + home.meanSystolic() + "/" + home.meanDiastolic() + " mmHg** from " + home.readings()
                        + " readings on " + home.days() + " days (last 28 days).")
                .contains(" Source: Tier A: clinic-issued validated device (").endsWith(" No gap of two days or more.");
        assertThat(bp.texts()).contains(home.meanSystolic() + "/" + home.meanDiastolic());
        assertThat(cgm.view().glucose().text().get("ranges"))
                .startsWith("**Time in range " + Numbers.oneDecimal(ranges.inRange()) + "%** (target range 70–180 mg/dL; goal over ")
                .contains("From the CGM maker's report");
    }

    @Test
    void homeReadingsTheMeanCannotUseAreSaidInOneSentenceWithoutCountsOfNothing() {
        String summary = run("edge-2-cuffless-watch-only").view().bloodPressure().text().get("summary");

        assertThat(summary).startsWith("**No home readings the mean can use** in the last 28 days.")
                .contains("Not used: ").contains(" cuffless estimates (hollow markers).")
                .doesNotContain("from 0 readings").doesNotContain("Source:").doesNotContain("gap");
    }

    @Test
    void oneVisitAndOneReadingAreSingular() {
        TrendWords words = new TrendWords(content.cards());
        TrendSentences sentences = new TrendSentences(words, words.labels());
        List<Band> targets = List.of(new Band("home systolic target below 130", 0, 130, "s"), new Band("home diastolic target below 80", 0, 80, "s"));
        BloodPressureTrend bp = new BloodPressureTrend(List.of(), List.of(), targets, List.of(), 28,
                new BloodPressureTrend.Home(150, 95, 1, 1, false, null, null),
                new BloodPressureTrend.Office(89, 62, 1, 1, "2026-04-22", false), Map.of());

        assertThat(sentences.bloodPressure(bp, null).get("summary")).isEqualTo("**Home mean 150/95 mmHg** from 1 reading on 1 day "
                + "(last 28 days), not enough for a mean to be judged. Office mean 89/62 (1 visit, last 2026-04-22). No gap of two days or more.");
        assertThat(sentences.bloodPressure(bp, null).get("chart")).isEqualTo("Home and office blood pressure with the home target below 130/80");
    }

    @Test
    void everySentenceOfTheTrendPartialsIsWordedForSomeExampleAndNoneLeavesATagBehind() {
        Map<String, Set<String>> worded = new TreeMap<>();
        for (ExamplePatients.Example example : ExamplePatients.ALL) {
            TrendView view = run(example).view();
            BiConsumer<String, Map<String, String>> seen = (group, text) -> text.forEach((key, words) -> {
                assertThat(words).as(example.name() + " " + group + "." + key).doesNotContain("{{").doesNotContain("}}");
                if (!words.isBlank()) {
                    worded.computeIfAbsent(group, g -> new TreeSet<>()).add(key);
                }
            });
            if (view.bloodPressure() != null) seen.accept("bp", view.bloodPressure().text());
            if (view.glucose() != null) seen.accept("glucose", view.glucose().text());
            if (view.weight() != null) seen.accept("weight", view.weight().text());
            if (view.kccq() != null) seen.accept("proms", view.kccq().text());
            view.proms().forEach(p -> seen.accept("proms", p.text()));
            if (view.esas() != null) {
                seen.accept("proms", view.esas().text());
                view.esas().symptoms().forEach(s -> seen.accept("proms", Map.of("esasSymptom", s.caption())));
            }
        }

        TrendSentences.KEYS.forEach((group, keys) -> assertThat(worded.get(group)).as(group).containsAll(keys));
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] sorted = {60, 80, 100, 120, 140};

        assertThat(TrendBuilder.percentile(sorted, 50)).isEqualTo(100);
        assertThat(TrendBuilder.percentile(sorted, 25)).isEqualTo(80);
        assertThat(TrendBuilder.percentile(sorted, 5)).isCloseTo(64, within(1e-9));
        assertThat(TrendBuilder.percentile(new double[] {90}, 95)).isEqualTo(90);
    }
}
