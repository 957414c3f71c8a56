package health.flipside.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns one patient's data into the facts the rule session receives (the contract in rules/README.md). */
public final class FactBuilder {
    /** The summaries of every topic besides blood pressure; a topic runs when its thresholds file exists. */
    public static final List<TopicSummarizer.Topic> TOPICS = List.of(
            new TopicSummarizer.Topic(GlucoseSummarizer.TOPIC, GlucoseSummarizer.REQUIRED_THRESHOLDS, new GlucoseSummarizer()),
            new TopicSummarizer.Topic(HeartFailureSummarizer.TOPIC, HeartFailureSummarizer.REQUIRED_THRESHOLDS, new HeartFailureSummarizer()),
            new TopicSummarizer.Topic(WearablesSummarizer.TOPIC, WearablesSummarizer.REQUIRED_THRESHOLDS, new WearablesSummarizer()),
            new TopicSummarizer.Topic(ActivitySummarizer.TOPIC, ActivitySummarizer.REQUIRED_THRESHOLDS, new ActivitySummarizer()),
            new TopicSummarizer.Topic(PromsSummarizer.TOPIC, PromsSummarizer.REQUIRED_THRESHOLDS, new PromsSummarizer()));

    private final Map<String, Thresholds> thresholdsByTopic;

    public FactBuilder(Map<String, Thresholds> thresholdsByTopic) {
        this.thresholdsByTopic = Map.copyOf(thresholdsByTopic);
    }

    public List<Object> facts(PatientData data, Instant now) {
        return facts(data, CardFeedback.NONE, now);
    }

    /** @param feedback what clinicians said about the patient's earlier cards (a fact; {@link CardFeedback#NONE} without a database) */
    public List<Object> facts(PatientData data, CardFeedback feedback, Instant now) {
        Thresholds bp = topic("bp");
        BloodPressureCleaner.Cleaned cleaned = new BloodPressureCleaner(bp).clean(data.bloodPressure());
        BloodPressureSummarizer summarizer = new BloodPressureSummarizer(bp);
        MeasurementCleaner.Cleaned streams = new MeasurementCleaner(topic("common")).clean(data.measurements());
        PatientData clean = data.withMeasurements(streams.measurements());

        List<Object> facts = new ArrayList<>(thresholdsByTopic.values());
        facts.add(summarizer.home(cleaned.readings(), now));
        summarizer.office(cleaned.readings(), now).ifPresent(facts::add);
        facts.add(new AntihypertensiveTreatment(data.medicationsKnown(),
                data.medications().stream().anyMatch(Medication::antihypertensive),
                data.medications().stream().filter(Medication::antihypertensive).map(Medication::name).toList()));
        facts.add(data.context());
        facts.add(feedback);
        for (TopicSummarizer.Topic topic : TOPICS) {
            Thresholds thresholds = thresholdsByTopic.get(topic.name());
            if (thresholds != null) {
                facts.addAll(topic.summarizer().facts(clean, feedback, thresholds, now));
            }
        }
        facts.add(new DataQuality(data.skippedResources(), cleaned.implausible() + streams.implausible(),
                cleaned.duplicates() + streams.duplicates(), data.unavailable()));
        return facts;
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
