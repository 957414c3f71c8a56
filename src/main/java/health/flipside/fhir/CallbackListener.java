package health.flipside.fhir;

import java.time.Duration;

/** Told about every FHIR callback (for metrics); never sees URLs, tokens or data. */
@FunctionalInterface
public interface CallbackListener {
    CallbackListener NONE = (key, took, outcome) -> { };

    enum Outcome { OK, FAILED, TIMED_OUT }

    /** @param took from the start of the call's callbacks until this key's answer was collected (or given up) */
    void completed(String prefetchKey, Duration took, Outcome outcome);
}
