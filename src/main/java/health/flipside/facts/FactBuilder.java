package health.flipside.facts;

import health.flipside.facts.activity.ActivitySummarizer;
import health.flipside.facts.bp.AntihypertensiveTreatment;
import health.flipside.facts.bp.BloodPressureCleaner;
import health.flipside.facts.bp.BloodPressureReading;
import health.flipside.facts.bp.BloodPressureSummarizer;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.bp.PregnancyBloodPressureSummarizer;
import health.flipside.facts.glucose.CgmTargets;
import health.flipside.facts.glucose.GlucoseSummarizer;
import health.flipside.facts.heartfailure.HeartFailureSummarizer;
import health.flipside.facts.proms.PromOverview;
import health.flipside.facts.proms.PromsSummarizer;
import health.flipside.facts.wearables.OxygenTarget;
import health.flipside.facts.wearables.WearablesSummarizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

/** Turns one patient's data into the facts the rule session receives (the contract in rules/README.md). */
public final class FactBuilder {
    /** The summaries of every topic besides blood pressure; a topic runs when its thresholds file exists. */
    public static final List<TopicSummarizer.Topic> TOPICS = List.of(
            new TopicSummarizer.Topic(GlucoseSummarizer.TOPIC, concat(GlucoseSummarizer.REQUIRED_THRESHOLDS, CgmTargets.REQUIRED_THRESHOLDS), new GlucoseSummarizer()),
            new TopicSummarizer.Topic(HeartFailureSummarizer.TOPIC, HeartFailureSummarizer.REQUIRED_THRESHOLDS, new HeartFailureSummarizer()),
            new TopicSummarizer.Topic(WearablesSummarizer.TOPIC, concat(WearablesSummarizer.REQUIRED_THRESHOLDS, OxygenTarget.REQUIRED_THRESHOLDS), new WearablesSummarizer()),
            new TopicSummarizer.Topic(ActivitySummarizer.TOPIC, ActivitySummarizer.REQUIRED_THRESHOLDS, new ActivitySummarizer()),
            new TopicSummarizer.Topic(PromsSummarizer.TOPIC, PromsSummarizer.REQUIRED_THRESHOLDS, new PromsSummarizer()));

    private final Map<String, Thresholds> thresholdsByTopic;
    private final Function<PromOverview, String> promOverviewNames;

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * @param promOverviewNames the names a PROM overview lists, in the words the cards show them
     *                          (cds-cards/partials/prom-overview-names.mustache): the summary line lists as many as fit
     *                          its length, so the facts measure them
     */
    public FactBuilder(Map<String, Thresholds> thresholdsByTopic, Function<PromOverview, String> promOverviewNames) {
        this.thresholdsByTopic = Map.copyOf(thresholdsByTopic);
        this.promOverviewNames = promOverviewNames;
    }

    /** The patient context at {@code now}: read once, handed to every topic (issue 9). */
    public PatientContext patientContext(PatientData data, Instant now) {
        return PatientContext.of(data.record(), data.context(), topic("common"), now);
    }

    public List<Object> facts(PatientData data, Instant now) {
        return facts(data, CardFeedback.NONE, now);
    }

    /** @param feedback what clinicians said about the patient's earlier cards (a fact; {@link CardFeedback#NONE} without a database) */
    public List<Object> facts(PatientData data, CardFeedback feedback, Instant now) {
        return build(data, feedback, now).facts();
    }

    /**
     * The facts for the rules, with the cleaned readings they were made of.
     *
     * @param facts         what the rule session receives
     * @param bloodPressure the blood-pressure readings the summaries used (implausible values and duplicates removed)
     * @param measurements  the other streams the summaries used, cleaned the same way
     */
    public record Built(List<Object> facts, List<BloodPressureReading> bloodPressure, List<Measurement> measurements) {
        public Built {
            facts = List.copyOf(facts);
            bloodPressure = List.copyOf(bloodPressure);
            measurements = List.copyOf(measurements);
        }
    }

    /** As {@link #facts(PatientData, CardFeedback, Instant)}, keeping the cleaned readings (the trend view plots these). */
    public Built build(PatientData data, CardFeedback feedback, Instant now) {
        Thresholds bp = topic("bp");
        BloodPressureCleaner.Cleaned cleaned = new BloodPressureCleaner(bp).clean(data.bloodPressure());
        BloodPressureSummarizer summarizer = new BloodPressureSummarizer(bp);
        MeasurementCleaner.Cleaned streams = cleanStreams(data);
        PatientContext patient = patientContext(data, now);
        PatientData clean = data.withMeasurements(streams.measurements()).withPatient(patient);

        List<Object> facts = new ArrayList<>(thresholdsByTopic.values());
        facts.add(patient);
        HomeBloodPressure home = summarizer.home(cleaned.readings(), now);
        facts.add(home);
        new PregnancyBloodPressureSummarizer(bp).severe(cleaned.readings(), patient, now).ifPresent(facts::add);
        summarizer.office(cleaned.readings(), now).map(o -> summarizer.dated(o, now)).ifPresent(facts::add);
        summarizer.low(home, cleaned.readings(), data.context(), now).ifPresent(facts::add);
        facts.add(AntihypertensiveTreatment.of(data.medicationsKnown(), data.medications()));
        facts.add(data.context());
        facts.add(feedback);
        for (TopicSummarizer.Topic topic : TOPICS) {
            Thresholds thresholds = thresholdsByTopic.get(topic.name());
            if (thresholds != null) {
                topic.summarizer().facts(clean, feedback, thresholds, now)
                        .forEach(fact -> facts.add(fact instanceof PromOverview overview ? overview.fitted(promOverviewNames) : fact));
            }
        }
        facts.add(new DataQuality(data.skippedResources(), cleaned.implausible() + streams.implausible(),
                cleaned.duplicates() + streams.duplicates(), data.unavailable(), data.unresolvedDevices()));
        return new Built(facts, cleaned.readings(), streams.measurements());
    }

    private MeasurementCleaner.Cleaned cleanStreams(PatientData data) {
        return new MeasurementCleaner(topic("common")).clean(data.measurements());
    }

    public Collection<Thresholds> thresholds() {
        return thresholdsByTopic.values();
    }

    private Thresholds topic(String topic) {
        Thresholds thresholds = thresholdsByTopic.get(topic);
        if (thresholds == null) {
            throw new IllegalStateException("rules/" + topic + "/thresholds.yaml is missing");
        }
        return thresholds;
    }
}
