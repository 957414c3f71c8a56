package health.flipside.facts.proms;

import static health.flipside.facts.proms.PromBand.*;

import health.flipside.facts.CardFeedback;
import health.flipside.facts.ClinicalContext;
import health.flipside.facts.PatientData;
import health.flipside.facts.Thresholds;
import health.flipside.facts.TopicSummarizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Patient-reported outcome measures (docs/clinical-sources.md, PROMs and across topics) as the {@code proms} rules see
 * them: the PHQ-9
 * safety item, the latest score of every scale against its bands and against the patient's own earlier score (MCID
 * and Reliable Change Index), the latest ESAS-r, unfinished forms, and an overview of what no other card reports.
 * Every number is a threshold of {@code rules/proms/thresholds.yaml}. KCCQ-12 is read by the FHIR layer but judged
 * by the heart-failure topic, not here.
 */
public final class PromsSummarizer implements TopicSummarizer {
    public static final String TOPIC = "proms";
    /** The documented assessment that answers a positive item 9 (rules/common/clinical-context.yaml). */
    public static final String SUICIDE_RISK_ASSESSMENT = "suicide-risk-assessment";
    /**
     * The rules whose card is the item 9 card (rules/proms/proms.drl): feedback on one of them saying it was dealt
     * with ({@link CardFeedback}) ends the card for that response.
     */
    public static final List<String> ITEM9_CARD_RULES = List.of("proms.phq9-item9-unassessed",
            "proms.phq9-item9-earlier-unassessed");
    /** Scales of PromScore (health.flipside.fhir.PromReader): a scored administration, an unfinished form. */
    static final String TOTAL = "total";
    static final String INCOMPLETE = "incomplete";
    /** The ESAS-r instrument: one score per symptom (the scale), 0–10. */
    public static final String ESAS = "ESAS-r";

    public static final List<String> REQUIRED_THRESHOLDS = List.of(
            "item9PositiveMin", "item9WindowDays", "item9LookbackDays", "resultLookbackDays", "changeMaxDays",
            "phqGadChangeMinDays", "promisChangeMinDays", "painChangeMinDays", "esasChangeMinDays",
            "phq9Items", "phq9ScoreMax", "phq9Mild", "phq9Moderate", "phq9ModeratelySevere", "phq9Severe",
            "phq9Mcid", "phq9RciThreshold",
            "phq2Items", "phq2ScoreMax", "phq2Positive",
            "gad7Items", "gad7ScoreMax", "gad7Mild", "gad7Moderate", "gad7Severe", "gad7Mcid", "gad7RciThreshold",
            "promisTMin", "promisTMax", "promisSymptomMild", "promisSymptomModerate", "promisSymptomSevere",
            "promisDepressionModeratelySevere", "promisFunctionMild", "promisFunctionModerate", "promisFunctionSevere",
            "promisGlobalMentalExcellent", "promisGlobalMentalVeryGood", "promisGlobalMentalGood", "promisGlobalMentalFair",
            "promisGlobalPhysicalExcellent", "promisGlobalPhysicalVeryGood", "promisGlobalPhysicalGood",
            "promisGlobalPhysicalFair", "promisMcid", "promisRciSd", "promisRciReliability", "rciZ",
            "painScoreMax", "painModerate", "painSevere", "painMcidPoints", "painMcidPercent", "painRciThreshold",
            "esasScoreMax", "esasModerate", "esasSevere", "esasItemMcid", "esasRciThreshold");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final List<String> ITEM9_ANSWERS = List.of("Not at all", "Several days", "More than half the days",
            "Nearly every day");

    /** How each scale is read: its bands, its warning range, how change is judged. */
    enum Family { PHQ9, PHQ2, GAD7, PROMIS_SYMPTOM, PROMIS_DEPRESSION, PROMIS_FUNCTION, PROMIS_GLOBAL_PHYSICAL,
        PROMIS_GLOBAL_MENTAL, PAIN }

    record Spec(String instrument, String scale, String name, Family family) {
    }

    /** Scales in the order cards list them. */
    static final List<Spec> SCALES = List.of(
            new Spec("PHQ-9", TOTAL, "PHQ-9", Family.PHQ9),
            new Spec("GAD-7", TOTAL, "GAD-7", Family.GAD7),
            new Spec("PHQ-2", TOTAL, "PHQ-2", Family.PHQ2),
            new Spec("PROMIS-29", "depression", "PROMIS-29 depression", Family.PROMIS_DEPRESSION),
            new Spec("PROMIS-29", "anxiety", "PROMIS-29 anxiety", Family.PROMIS_SYMPTOM),
            new Spec("PROMIS-29", "fatigue", "PROMIS-29 fatigue", Family.PROMIS_SYMPTOM),
            new Spec("PROMIS-29", "sleep disturbance", "PROMIS-29 sleep disturbance", Family.PROMIS_SYMPTOM),
            new Spec("PROMIS-29", "pain interference", "PROMIS-29 pain interference", Family.PROMIS_SYMPTOM),
            new Spec("PROMIS-29", "physical function", "PROMIS-29 physical function", Family.PROMIS_FUNCTION),
            new Spec("PROMIS-29", "social roles", "PROMIS-29 social roles", Family.PROMIS_FUNCTION),
            new Spec("PROMIS-29", "pain intensity", "PROMIS-29 pain intensity (0–10)", Family.PAIN),
            new Spec("PROMIS-10", "global mental health", "PROMIS-10 global mental health", Family.PROMIS_GLOBAL_MENTAL),
            new Spec("PROMIS-10", "global physical health", "PROMIS-10 global physical health", Family.PROMIS_GLOBAL_PHYSICAL),
            new Spec("Pain NRS", "pain", "Pain NRS (0–10)", Family.PAIN));

    /** Item-scored instruments: their item-count threshold, for unfinished forms. */
    private static final Map<String, String> ITEM_COUNTS = Map.of("PHQ-9", "phq9Items", "PHQ-2", "phq2Items",
            "GAD-7", "gad7Items");

    @Override
    public List<Object> facts(PatientData data, Thresholds t, Instant now) {
        return facts(data, CardFeedback.NONE, t, now);
    }

    @Override
    public List<Object> facts(PatientData data, CardFeedback feedback, Thresholds t, Instant now) {
        List<PromScore> scores = plausible(data.proms(), t, now);
        List<Object> facts = new ArrayList<>();

        Optional<PromScore> item9Admin = latestPositiveItem9(scores, t, now);
        PhqItem9Response item9 = item9Admin.map(a -> item9(a, scores, data.context(), feedback, t, now)).orElse(null);
        // The administration an item 9 card or line reports (and shows the total of): not repeated in the summary.
        Instant reportedWithItem9 = item9 != null && (item9.withinWindow() || item9.open())
                ? item9Admin.get().completedAt() : null;
        if (item9 != null) {
            facts.add(item9);
        }

        List<PromResult> results = new ArrayList<>();
        for (Spec spec : SCALES) {
            result(spec, scores, t, now, reportedWithItem9).ifPresent(results::add);
        }
        facts.addAll(results);

        EsasAssessment esas = esas(scores, t, now);
        if (esas != null) {
            facts.add(esas);
        }
        facts.addAll(incomplete(scores, t, now));

        List<PromResult> unreported = results.stream()
                .filter(r -> !r.inWarningRange() && !r.reliableDeterioration() && !r.meaningfulImprovement()
                        && !r.phq2Positive() && !r.reportedWithItem9())
                .toList();
        EsasAssessment quietEsas = esas != null && !esas.anySevere() && !esas.anyDeteriorated() ? esas : null;
        if (!unreported.isEmpty() || quietEsas != null) {
            facts.add(new PromOverview(unreported, quietEsas));
        }
        return facts;
    }

    // ---- cleaning ----------------------------------------------------------------------------------------------

    /**
     * Scores inside their instrument's range, not in the future, each administration once (the same score of the
     * same scale at the same instant, delivered twice, counts once). KCCQ-12 is left to the heart-failure topic.
     */
    public static List<PromScore> plausible(List<PromScore> proms, Thresholds t, Instant now) {
        Map<String, PromScore> unique = new LinkedHashMap<>();
        for (PromScore p : proms) {
            if (p.completedAt().isAfter(now) || !inRange(p, t)) {
                continue;
            }
            unique.putIfAbsent(p.instrument() + "|" + p.scale() + "|" + p.completedAt() + "|" + p.score(), p);
        }
        List<PromScore> kept = new ArrayList<>(unique.values());
        kept.sort(Comparator.comparing(PromScore::completedAt));
        return kept;
    }

    private static boolean inRange(PromScore p, Thresholds t) {
        double max;
        double min = 0;
        switch (p.instrument()) {
            case "PHQ-9" -> max = t.get("phq9ScoreMax");
            case "PHQ-2" -> max = t.get("phq2ScoreMax");
            case "GAD-7" -> max = t.get("gad7ScoreMax");
            case "Pain NRS" -> max = t.get("painScoreMax");
            case "ESAS-r" -> max = t.get("esasScoreMax");
            case "PROMIS-29", "PROMIS-10" -> {
                if (p.scale().equals("pain intensity")) {
                    max = t.get("painScoreMax");
                } else {
                    min = t.get("promisTMin");
                    max = t.get("promisTMax");
                }
            }
            default -> {
                return false; // KCCQ-12 and anything else: another topic's
            }
        }
        boolean itemsInRange = p.items().values().stream().allMatch(v -> v >= 0 && v <= 3);
        return p.score() >= min && p.score() <= max && itemsInRange;
    }

    // ---- PHQ-9 item 9 ------------------------------------------------------------------------------------------

    private static Optional<PromScore> latestPositiveItem9(List<PromScore> scores, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofDays(t.getInt("item9LookbackDays")));
        return scores.stream()
                .filter(p -> p.instrument().equals("PHQ-9") && p.item("9") >= t.get("item9PositiveMin"))
                .filter(p -> !p.completedAt().isBefore(since))
                .max(Comparator.comparing(PromScore::completedAt));
    }

    private PhqItem9Response item9(PromScore admin, List<PromScore> scores, ClinicalContext context, CardFeedback feedback,
                                   Thresholds t, Instant now) {
        int value = admin.item("9");
        boolean within = !admin.completedAt().isBefore(now.minus(Duration.ofDays(t.getInt("item9WindowDays"))));
        boolean assessed = context.assessedSince(SUICIDE_RISK_ASSESSMENT, admin.completedAt());
        Instant last = context.lastAssessments().get(SUICIDE_RISK_ASSESSMENT);
        ZoneOffset offset = offset(admin);
        boolean totalKnown = admin.scale().equals(TOTAL);
        Optional<PromScore> laterNegative = scores.stream()
                .filter(p -> p.instrument().equals("PHQ-9") && p.completedAt().isAfter(admin.completedAt()) && p.item("9") == 0)
                .max(Comparator.comparing(PromScore::completedAt));
        Optional<Instant> dealtWith = feedback.latestDealtWith(ITEM9_CARD_RULES, admin.completedAt());
        return new PhqItem9Response(value, ITEM9_ANSWERS.get(Math.min(value, 3)), admin.localTime().format(DAY_TIME),
                admin.localTime().format(DAY), daysAgo(admin, now), admin.remote(), within, assessed,
                last == null ? null : LocalDateTime.ofInstant(last, offset).format(DAY),
                totalKnown, totalKnown ? (int) Math.round(admin.score()) : 0,
                totalKnown ? band(Family.PHQ9, admin.score(), t) : null, admin.items().size(), t.getInt("phq9Items"),
                admin.scale().equals(INCOMPLETE), laterNegative.isPresent(), laterNegative.map(p -> p.localTime().format(DAY)).orElse(null),
                dealtWith.isPresent(), dealtWith.map(at -> LocalDateTime.ofInstant(at, offset).format(DAY)).orElse(null));
    }

    /** The patient's UTC offset at completion, from the wall-clock time the FHIR layer kept. */
    private static ZoneOffset offset(PromScore p) {
        long seconds = Duration.between(LocalDateTime.ofInstant(p.completedAt(), ZoneOffset.UTC), p.localTime()).getSeconds();
        return ZoneOffset.ofTotalSeconds((int) Math.max(-64800, Math.min(64800, seconds)));
    }

    // ---- scale results -----------------------------------------------------------------------------------------

    private Optional<PromResult> result(Spec spec, List<PromScore> scores, Thresholds t, Instant now,
                                        Instant reportedWithItem9) {
        List<PromScore> series = scores.stream().filter(p -> p.is(spec.instrument(), spec.scale())).toList();
        if (series.isEmpty()) {
            return Optional.empty();
        }
        PromScore latest = series.get(series.size() - 1);
        if (latest.completedAt().isBefore(now.minus(Duration.ofDays(t.getInt("resultLookbackDays"))))) {
            return Optional.empty();
        }
        if (spec.family() == Family.PHQ2 && scores.stream().anyMatch(p -> p.is("PHQ-9", TOTAL)
                && !p.completedAt().isBefore(latest.completedAt()))) {
            return Optional.empty(); // a scored PHQ-9 followed (or came with) the screen: it speaks instead
        }
        boolean higherIsWorse = higherIsWorse(spec.family());
        ScoreChange change = spec.family() == Family.PHQ2 ? null : change(spec, series, latest, higherIsWorse, t, now);
        boolean phq2Positive = spec.family() == Family.PHQ2 && latest.score() >= t.get("phq2Positive");
        boolean isPhq9 = spec.family() == Family.PHQ9;
        return Optional.of(new PromResult(spec.instrument(), spec.scale(), spec.name(), higherIsWorse,
                isTScore(spec.family()), latest.score(), format(latest.score()),
                band(spec.family(), latest.score(), t), inWarningRange(spec, latest.score(), t),
                latest.localTime().format(DAY), daysAgo(latest, now), latest.remote(), change,
                change != null && change.meaningfulImprovement(), change != null && change.reliableDeterioration(),
                phq2Positive, isPhq9 ? latest.item("9") : -1,
                isPhq9 && latest.completedAt().equals(reportedWithItem9)));
    }

    private static boolean higherIsWorse(Family family) {
        return switch (family) {
            case PROMIS_FUNCTION, PROMIS_GLOBAL_PHYSICAL, PROMIS_GLOBAL_MENTAL -> false;
            default -> true;
        };
    }

    private static boolean isTScore(Family family) {
        return family.name().startsWith("PROMIS");
    }

    /**
     * The warning ranges (docs/clinical-sources.md, PROMs): PHQ-9 ≥20, GAD-7 ≥15, PROMIS-29 symptom T ≥70 / function
     * T &lt;30.
     */
    static boolean inWarningRange(Spec spec, double score, Thresholds t) {
        return switch (spec.family()) {
            case PHQ9 -> score >= t.get("phq9Severe");
            case GAD7 -> score >= t.get("gad7Severe");
            case PROMIS_SYMPTOM, PROMIS_DEPRESSION -> score >= t.get("promisSymptomSevere");
            case PROMIS_FUNCTION -> score < t.get("promisFunctionSevere");
            default -> false;
        };
    }

    /** Severity band or category; a score on a cut point belongs to the worse band (design choice, thresholds.yaml). */
    static PromBand band(Family family, double s, Thresholds t) {
        return switch (family) {
            case PHQ9 -> s >= t.get("phq9Severe") ? SEVERE : s >= t.get("phq9ModeratelySevere") ? MODERATELY_SEVERE
                    : s >= t.get("phq9Moderate") ? MODERATE : s >= t.get("phq9Mild") ? MILD : MINIMAL;
            case GAD7 -> s >= t.get("gad7Severe") ? SEVERE : s >= t.get("gad7Moderate") ? MODERATE
                    : s >= t.get("gad7Mild") ? MILD : MINIMAL;
            case PHQ2 -> s >= t.get("phq2Positive") ? POSITIVE_SCREEN : NEGATIVE_SCREEN;
            case PROMIS_SYMPTOM -> s >= t.get("promisSymptomSevere") ? SEVERE : s >= t.get("promisSymptomModerate")
                    ? MODERATE : s >= t.get("promisSymptomMild") ? MILD : WITHIN_NORMAL_LIMITS;
            case PROMIS_DEPRESSION -> s >= t.get("promisSymptomSevere") ? SEVERE
                    : s >= t.get("promisDepressionModeratelySevere") ? MODERATELY_SEVERE
                    : s >= t.get("promisSymptomModerate") ? MODERATE : s >= t.get("promisSymptomMild") ? MILD
                    : WITHIN_NORMAL_LIMITS;
            case PROMIS_FUNCTION -> s < t.get("promisFunctionSevere") ? SEVERE : s < t.get("promisFunctionModerate")
                    ? MODERATE : s < t.get("promisFunctionMild") ? MILD : WITHIN_NORMAL_LIMITS;
            case PROMIS_GLOBAL_MENTAL -> global(s, t, "promisGlobalMental");
            case PROMIS_GLOBAL_PHYSICAL -> global(s, t, "promisGlobalPhysical");
            case PAIN -> s >= t.get("painSevere") ? SEVERE : s >= t.get("painModerate") ? MODERATE
                    : s > 0 ? MILD : NO_PAIN;
        };
    }

    /** A severity band of a scale on its own axis: from {@code from} up to {@code to}, as {@link #band} reads a score. */
    public record Band(PromBand band, double from, double to) {
    }

    /**
     * A scale as the trend view draws it: the range, the bands {@link #band} reads a score into (same thresholds) and
     * the MCID its change is judged by.
     */
    public record ScaleView(String instrument, String scale, String name, boolean higherIsWorse, double min, double max,
                            double mcid, List<Band> bands) {
    }

    /** Every scale the summaries read, in card order, with its bands and MCID from rules/proms/thresholds.yaml. */
    public static List<ScaleView> scaleViews(Thresholds t) {
        return SCALES.stream().map(spec -> new ScaleView(spec.instrument(), spec.scale(), spec.name(),
                higherIsWorse(spec.family()), min(spec.family(), t), max(spec.family(), t), mcid(spec.family(), t),
                bands(spec.family(), t))).toList();
    }

    private static double min(Family family, Thresholds t) {
        return isTScore(family) ? t.get("promisTMin") : 0;
    }

    private static double max(Family family, Thresholds t) {
        return switch (family) {
            case PHQ9 -> t.get("phq9ScoreMax");
            case PHQ2 -> t.get("phq2ScoreMax");
            case GAD7 -> t.get("gad7ScoreMax");
            case PAIN -> t.get("painScoreMax");
            default -> t.get("promisTMax");
        };
    }

    /** The cut points of {@link #band}, as ranges from best to worst along the axis. */
    static List<Band> bands(Family family, Thresholds t) {
        double min = min(family, t);
        double max = max(family, t);
        return switch (family) {
            case PHQ9 -> cuts(min, max, List.of(MINIMAL, MILD, MODERATE, MODERATELY_SEVERE, SEVERE),
                    t.get("phq9Mild"), t.get("phq9Moderate"), t.get("phq9ModeratelySevere"), t.get("phq9Severe"));
            case GAD7 -> cuts(min, max, List.of(MINIMAL, MILD, MODERATE, SEVERE),
                    t.get("gad7Mild"), t.get("gad7Moderate"), t.get("gad7Severe"));
            case PHQ2 -> cuts(min, max, List.of(NEGATIVE_SCREEN, POSITIVE_SCREEN), t.get("phq2Positive"));
            case PROMIS_SYMPTOM -> cuts(min, max, List.of(WITHIN_NORMAL_LIMITS, MILD, MODERATE, SEVERE),
                    t.get("promisSymptomMild"), t.get("promisSymptomModerate"), t.get("promisSymptomSevere"));
            case PROMIS_DEPRESSION -> cuts(min, max, List.of(WITHIN_NORMAL_LIMITS, MILD, MODERATE, MODERATELY_SEVERE, SEVERE),
                    t.get("promisSymptomMild"), t.get("promisSymptomModerate"), t.get("promisDepressionModeratelySevere"),
                    t.get("promisSymptomSevere"));
            case PROMIS_FUNCTION -> cuts(min, max, List.of(SEVERE, MODERATE, MILD, WITHIN_NORMAL_LIMITS),
                    t.get("promisFunctionSevere"), t.get("promisFunctionModerate"), t.get("promisFunctionMild"));
            case PROMIS_GLOBAL_MENTAL, PROMIS_GLOBAL_PHYSICAL -> {
                String prefix = family == Family.PROMIS_GLOBAL_MENTAL ? "promisGlobalMental" : "promisGlobalPhysical";
                yield cuts(min, max, List.of(POOR, FAIR, GOOD, VERY_GOOD, EXCELLENT), t.get(prefix + "Fair"),
                        t.get(prefix + "Good"), t.get(prefix + "VeryGood"), t.get(prefix + "Excellent"));
            }
            // 0 alone is "no pain"; any score above it is at least mild
            case PAIN -> cuts(min, max, List.of(NO_PAIN, MILD, MODERATE, SEVERE), 0, t.get("painModerate"),
                    t.get("painSevere"));
        };
    }

    private static List<Band> cuts(double min, double max, List<PromBand> names, double... cuts) {
        List<Band> bands = new ArrayList<>();
        double from = min;
        for (int i = 0; i < names.size(); i++) {
            double to = i < cuts.length ? cuts[i] : max;
            bands.add(new Band(names.get(i), from, to));
            from = to;
        }
        return bands;
    }

    private static PromBand global(double s, Thresholds t, String prefix) {
        return s >= t.get(prefix + "Excellent") ? EXCELLENT : s >= t.get(prefix + "VeryGood") ? VERY_GOOD
                : s >= t.get(prefix + "Good") ? GOOD : s >= t.get(prefix + "Fair") ? FAIR : POOR;
    }

    // ---- change against the patient's own earlier score (§7) ---------------------------------------------------

    /**
     * Against the most recent earlier score at least the family's minimum interval before the latest (so a retake
     * a few days later does not hide the change since last month) and at most changeMaxDays before it.
     */
    private static ScoreChange change(Spec spec, List<PromScore> series, PromScore latest, boolean higherIsWorse,
                                      Thresholds t, Instant now) {
        Instant newest = latest.completedAt().minus(Duration.ofDays(minDays(spec.family(), t)));
        Instant oldest = latest.completedAt().minus(Duration.ofDays(t.getInt("changeMaxDays")));
        Optional<PromScore> previous = series.stream()
                .filter(p -> !p.completedAt().isAfter(newest) && !p.completedAt().isBefore(oldest))
                .max(Comparator.comparing(PromScore::completedAt));
        if (previous.isEmpty()) {
            return null;
        }
        PromScore before = previous.get();
        double delta = round1(latest.score() - before.score());
        boolean better = higherIsWorse ? delta < 0 : delta > 0;
        double amount = Math.abs(delta);
        int percent = before.score() > 0 ? (int) Math.round(amount * 100 / before.score()) : 0;
        double mcid = mcid(spec.family(), t);
        double rci = rciThreshold(spec.family(), t);
        boolean meaningful = amount >= mcid;
        if (spec.family() == Family.PAIN && better) {
            // Farrar 2001: about 2 points or about 30 % reduction; the percentage is the steadier across baselines.
            meaningful = meaningful || (before.score() > 0 && amount * 100 / before.score() >= t.get("painMcidPercent"));
        }
        boolean reliable = ReliableChange.exceeds(delta, rci);
        return new ScoreChange(before.score(), format(before.score()), before.localTime().format(DAY),
                ago(before, now), (int) ChronoUnit.DAYS.between(before.completedAt(), latest.completedAt()),
                delta, format(amount), percent, format(mcid), rci > 0 ? format(round1(rci)) : "none", rci > 0,
                delta > 0, delta < 0, better, meaningful && delta != 0, reliable, !meaningful || delta == 0);
    }

    private static int minDays(Family family, Thresholds t) {
        return switch (family) {
            case PHQ9, PHQ2, GAD7 -> t.getInt("phqGadChangeMinDays");
            case PAIN -> t.getInt("painChangeMinDays");
            default -> t.getInt("promisChangeMinDays");
        };
    }

    private static double mcid(Family family, Thresholds t) {
        return switch (family) {
            case PHQ9, PHQ2 -> t.get("phq9Mcid");
            case GAD7 -> t.get("gad7Mcid");
            case PAIN -> t.get("painMcidPoints");
            default -> t.get("promisMcid");
        };
    }

    /** The reliable-change threshold in points: precomputed (PHQ-9, GAD-7, pain) or from SD and reliability (PROMIS). */
    static double rciThreshold(Family family, Thresholds t) {
        return switch (family) {
            case PHQ9, PHQ2 -> t.get("phq9RciThreshold");
            case GAD7 -> t.get("gad7RciThreshold");
            case PAIN -> t.get("painRciThreshold");
            default -> ReliableChange.threshold(t.get("promisRciSd"), t.get("promisRciReliability"), t.get("rciZ"));
        };
    }

    // ---- ESAS-r ------------------------------------------------------------------------------------------------

    private static EsasAssessment esas(List<PromScore> scores, Thresholds t, Instant now) {
        // One administration = the items completed in the same minute.
        TreeMap<Instant, Map<String, PromScore>> administrations = new TreeMap<>();
        scores.stream().filter(p -> p.instrument().equals(ESAS)).forEach(p -> administrations
                .computeIfAbsent(p.completedAt().truncatedTo(ChronoUnit.MINUTES), k -> new LinkedHashMap<>())
                .put(p.scale(), p));
        if (administrations.isEmpty()) {
            return null;
        }
        Map.Entry<Instant, Map<String, PromScore>> latest = administrations.lastEntry();
        if (latest.getKey().isBefore(now.minus(Duration.ofDays(t.getInt("resultLookbackDays"))))) {
            return null;
        }
        Instant newest = latest.getKey().minus(Duration.ofDays(t.getInt("esasChangeMinDays")));
        Instant oldest = latest.getKey().minus(Duration.ofDays(t.getInt("changeMaxDays")));
        Map.Entry<Instant, Map<String, PromScore>> previous = administrations.floorEntry(newest);
        if (previous != null && previous.getKey().isBefore(oldest)) {
            previous = null;
        }
        List<EsasAssessment.Item> items = new ArrayList<>();
        List<EsasAssessment.Item> severe = new ArrayList<>();
        List<EsasAssessment.Item> deteriorated = new ArrayList<>();
        List<EsasAssessment.Item> improved = new ArrayList<>();
        double mcid = t.get("esasItemMcid");
        double rci = t.get("esasRciThreshold");
        for (PromScore p : latest.getValue().values()) {
            Optional<EsasSymptom> symptom = EsasSymptom.ofScale(p.scale());
            if (symptom.isEmpty()) {
                continue; // the reader files ESAS-r scores under the nine symptoms only
            }
            int score = (int) Math.round(p.score());
            PromScore before = previous == null ? null : previous.getValue().get(p.scale());
            int prior = before == null ? -1 : (int) Math.round(before.score());
            EsasAssessment.Item item = new EsasAssessment.Item(symptom.get(), score, esasBand(score, t), prior, false);
            items.add(item);
            if (score >= t.get("esasSevere")) {
                severe.add(item);
            }
            if (prior >= 0 && score - prior >= mcid && ReliableChange.exceeds(score - prior, rci)) {
                deteriorated.add(item);
            } else if (prior >= 0 && prior - score >= mcid) {
                improved.add(item);
            }
        }
        Comparator<EsasAssessment.Item> highestFirst = Comparator.comparingInt(EsasAssessment.Item::score).reversed();
        items.sort(highestFirst);
        severe.sort(highestFirst);
        deteriorated.sort(highestFirst);
        PromScore any = latest.getValue().values().iterator().next();
        List<EsasAssessment.Item> notable = items.stream().filter(i -> i.score() >= t.get("esasModerate")).toList();
        return new EsasAssessment(any.localTime().format(DAY), daysAgo(any, now), any.remote(), items,
                severe, deteriorated, improved, notable,
                previous == null ? null : previous.getValue().values().iterator().next().localTime().format(DAY));
    }

    /**
     * The ESAS-r bands the trend view draws, as {@link #esasBand} reads an item: moderate from {@code esasModerate},
     * severe from {@code esasSevere} up to {@code esasScoreMax} (below moderate is mild, or none at 0).
     */
    public static List<Band> esasBands(Thresholds t) {
        return List.of(new Band(MODERATE, t.get("esasModerate"), t.get("esasSevere")),
                new Band(SEVERE, t.get("esasSevere"), t.get("esasScoreMax")));
    }

    static EsasBand esasBand(int score, Thresholds t) {
        return score >= t.get("esasSevere") ? EsasBand.SEVERE : score >= t.get("esasModerate") ? EsasBand.MODERATE
                : score > 0 ? EsasBand.MILD : EsasBand.NONE;
    }

    // ---- unfinished forms --------------------------------------------------------------------------------------

    private static List<IncompleteQuestionnaire> incomplete(List<PromScore> scores, Thresholds t, Instant now) {
        Instant since = now.minus(Duration.ofDays(t.getInt("resultLookbackDays")));
        List<IncompleteQuestionnaire> facts = new ArrayList<>();
        for (Map.Entry<String, String> instrument : new TreeMap<>(ITEM_COUNTS).entrySet()) {
            Optional<PromScore> latest = scores.stream()
                    .filter(p -> p.is(instrument.getKey(), INCOMPLETE) && !p.completedAt().isBefore(since))
                    .max(Comparator.comparing(PromScore::completedAt));
            if (latest.isEmpty() || scores.stream().anyMatch(p -> p.is(instrument.getKey(), TOTAL)
                    && !p.completedAt().isBefore(latest.get().completedAt()))) {
                continue;
            }
            PromScore p = latest.get();
            facts.add(new IncompleteQuestionnaire(p.instrument(), p.items().size(), t.getInt(instrument.getValue()),
                    p.localTime().format(DAY), daysAgo(p, now), p.remote()));
        }
        return facts;
    }

    // ---- wording helpers (numbers and dates only; sentences live in cds-cards/proms) ---------------------------

    /** Calendar days between the completion and now, on the patient's wall clock (completed yesterday evening = 1). */
    static int daysAgo(PromScore p, Instant now) {
        ZoneOffset offset = offset(p);
        return (int) Math.max(0, ChronoUnit.DAYS.between(p.localTime().toLocalDate(), LocalDateTime.ofInstant(now, offset).toLocalDate()));
    }

    static Ago ago(PromScore p, Instant now) {
        return new Ago(daysAgo(p, now));
    }

    /** A score as people write it: "14", "62.5". */
    static String format(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
