package health.flipside.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/** An Observation read through HAPI: from a callback, an authoring Bundle, or a prefetched entry of unusual shape. */
final class HapiObservation implements ObservationView {
    private final Observation observation;
    private final Concept code;
    private final List<Component> components;

    HapiObservation(Observation observation) {
        this.observation = observation;
        this.code = Concept.of(observation.getCode());
        this.components = observation.getComponent().stream()
                .map(c -> new Component(Concept.of(c.getCode()), FhirValues.of(c.getValue()))).toList();
    }

    @Override
    public String id() {
        return observation.getIdElement().getIdPart();
    }

    @Override
    public String status() {
        return observation.getStatus() == null ? null : observation.getStatus().toCode();
    }

    @Override
    public Concept code() {
        return code;
    }

    @Override
    public Optional<ObservedTime> effective() {
        if (observation.hasEffectiveDateTimeType() && observation.getEffectiveDateTimeType().getValue() != null) {
            return ObservedTime.of(observation.getEffectiveDateTimeType());
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return ObservedTime.of(observation.getEffectivePeriod().getStartElement());
        }
        if (observation.hasEffectiveInstantType()) {
            InstantType instant = observation.getEffectiveInstantType();
            return ObservedTime.of(new DateTimeType(instant.getValue(), instant.getPrecision(), instant.getTimeZone()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<ObservedTime> end() {
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasEnd()) {
            return ObservedTime.of(observation.getEffectivePeriod().getEndElement());
        }
        return effective();
    }

    @Override
    public Instant periodStart() {
        // hasStart() is true for an extension only
        return observation.hasEffectivePeriod() ? FhirTimes.of(observation.getEffectivePeriod().getStartElement()) : null;
    }

    @Override
    public Instant issued() {
        return observation.hasIssued() ? FhirTimes.of(observation.getIssuedElement()) : null;
    }

    @Override
    public ObservedValue value() {
        return FhirValues.of(observation.getValue());
    }

    @Override
    public List<Component> components() {
        return components;
    }

    @Override
    public List<String> performers() {
        return references(observation.getPerformer());
    }

    @Override
    public boolean hasDevice() {
        return observation.hasDevice();
    }

    @Override
    public String deviceReference() {
        return observation.hasDevice() ? observation.getDevice().getReference() : null;
    }

    @Override
    public Device containedDevice() {
        if (!observation.hasDevice()) {
            return null;
        }
        Reference reference = observation.getDevice();
        if (reference.getResource() instanceof Device device) {
            return device;
        }
        String ref = reference.getReference();
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        return observation.getContained().stream().filter(Device.class::isInstance).map(Device.class::cast)
                .filter(d -> ref.substring(1).equals(d.getIdElement().getIdPart())).findFirst().orElse(null);
    }

    @Override
    public List<Concept> measurementSettings() {
        return observation.getExtensionsByUrl(Performers.MEASUREMENT_SETTING).stream().map(Extension::getValue)
                .filter(CodeableConcept.class::isInstance).map(v -> Concept.of((CodeableConcept) v)).toList();
    }

    @Override
    public List<String> hasMember() {
        return references(observation.getHasMember());
    }

    @Override
    public List<String> derivedFrom() {
        return references(observation.getDerivedFrom());
    }

    @Override
    public List<Concept> interpretation() {
        return observation.getInterpretation().stream().map(Concept::of).toList();
    }

    private static List<String> references(List<Reference> references) {
        return references.stream().map(Reference::getReference).filter(r -> r != null).toList();
    }
}
