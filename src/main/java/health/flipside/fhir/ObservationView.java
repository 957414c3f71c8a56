package health.flipside.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Device;

/**
 * An Observation as the fact readers see it, whichever way it was read: straight from the request's JSON
 * ({@link JsonObservation}, the usual shapes of a prefetched Bundle) or through a HAPI model ({@link HapiObservation},
 * callbacks and anything unusual). One reading of Observations into facts, whatever the route.
 */
public interface ObservationView {
    /** A component: its code and value. */
    record Component(Concept code, ObservedValue value) {
    }

    /** The logical id (from the Bundle entry's fullUrl when it has one), or null. */
    String id();

    /** The status code as sent, or null. */
    String status();

    Concept code();

    /** effectiveDateTime, else the start of effectivePeriod, else effectiveInstant, when readable. */
    Optional<ObservedTime> effective();

    /** The end of effectivePeriod when it has one (empty when that end is unreadable), else {@link #effective()}. */
    Optional<ObservedTime> end();

    /** The start of effectivePeriod, or null. */
    Instant periodStart();

    /** When it reached the record, or null. */
    Instant issued();

    ObservedValue value();

    List<Component> components();

    /** The performers' reference strings ("Patient/1", "https://…/Practitioner/2"), those that have one. */
    List<String> performers();

    /** Whether it names a device at all (by reference, display or identifier). */
    boolean hasDevice();

    /** The device reference string, or null. */
    String deviceReference();

    /** The Device the reference points to inside the Observation (contained), or null. */
    Device containedDevice();

    /** Values of the US vitals IG MeasurementSetting extension that are concepts. */
    List<Concept> measurementSettings();

    /** The reference strings of hasMember. */
    List<String> hasMember();

    /** The reference strings of derivedFrom. */
    List<String> derivedFrom();

    List<Concept> interpretation();

    /** Final, amended or corrected: a result that may be read. (Set.of refuses null: no status is not usable.) */
    default boolean usable() {
        return status() != null && USABLE.contains(status());
    }

    Set<String> USABLE = Set.of("final", "amended", "corrected");
}
