package health.flipside.fhir;

import java.time.Instant;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;

/**
 * The instants of the chart resources Flipside dates (procedures, condition onsets, reports), read null-safely:
 * HAPI's hasX() is also true for an element with only an extension, or a value it could not read, and such an
 * element is no time (the fuzz test found the NullPointerException this made, a 500). One place for both readers of
 * the chart (ContextReader, PatientRecordReader).
 */
final class FhirTimes {
    private FhirTimes() {
    }

    /** The element's instant, or null when it carries none. */
    static Instant of(BaseDateTimeType time) {
        return time == null || time.getValue() == null ? null : time.getValue().toInstant();
    }

    static Instant start(Period period) {
        return of(period.getStartElement());
    }

    /** When a procedure was performed: its date-time, else its period's start; null when neither is readable. */
    static Instant performed(Procedure procedure) {
        return procedure.hasPerformedDateTimeType() ? of(procedure.getPerformedDateTimeType())
                : procedure.hasPerformedPeriod() ? start(procedure.getPerformedPeriod()) : null;
    }
}
