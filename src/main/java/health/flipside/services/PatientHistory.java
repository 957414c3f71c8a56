package health.flipside.services;

import java.util.List;

import health.flipside.facts.CardFeedback;

/**
 * What the feedback database knows about one patient's earlier cards, looked up by the patient key before the
 * pipeline runs: the overrides that may suppress a finding, and the cards that were dealt with (a fact for the rules).
 * {@link #NONE} when there is no database, it is unreachable, or it did not answer in time: then nothing is
 * suppressed and every card is shown.
 */
public record PatientHistory(List<PastOverride> overrides, CardFeedback feedback) {
    public static final PatientHistory NONE = new PatientHistory(List.of(), CardFeedback.NONE);

    public PatientHistory {
        overrides = List.copyOf(overrides);
        feedback = feedback == null ? CardFeedback.NONE : feedback;
    }
}
