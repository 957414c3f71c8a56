package health.flipside.facts;

import java.time.Instant;
import java.util.List;

/**
 * The summaries of one clinical topic (rules/&lt;topic&gt;/): pure Java from the patient's cleaned data and the
 * topic's thresholds to the facts its rules match on. Registered in {@link FactBuilder#TOPICS} with its topic name
 * and the thresholds it reads; runs only when {@code rules/<topic>/thresholds.yaml} exists.
 */
public interface TopicSummarizer {
    List<Object> facts(PatientData data, Thresholds thresholds, Instant now);

    /** With the feedback on the patient's earlier cards; a topic that reads none keeps the method above. */
    default List<Object> facts(PatientData data, CardFeedback feedback, Thresholds thresholds, Instant now) {
        return facts(data, thresholds, now);
    }

    /**
     * @param name               the topic folder, e.g. "glucose"
     * @param requiredThresholds every threshold the summarizer reads: the rule-set loader refuses the topic when
     *                           one is missing
     */
    record Topic(String name, List<String> requiredThresholds, TopicSummarizer summarizer) {
        public Topic {
            requiredThresholds = List.copyOf(requiredThresholds);
        }
    }
}
