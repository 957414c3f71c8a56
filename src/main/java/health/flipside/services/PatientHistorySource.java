package health.flipside.services;

import java.time.Instant;
import java.util.Set;

/**
 * Where a CDS service finds what clinicians said about the patient's earlier cards (alert hygiene, README): the
 * feedback database, in package feedback. The lookup runs while the FHIR data is resolved.
 */
public interface PatientHistorySource {
    /** Starts looking up the call's patient: overrides since {@code since} and cards dealt with; never throws. */
    Pending start(HookCall call, Instant since, Set<String> dealtWithReasons);

    /** A lookup under way. */
    interface Pending {
        /** The history, or {@link PatientHistory#NONE} when the lookup failed or took too long; never throws. */
        PatientHistory await();
    }
}
