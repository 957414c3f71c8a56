package health.flipside.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;

import health.flipside.facts.provenance.DeviceDescription;
import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;

/**
 * The devices of one patient record: resolves an Observation's device reference and classifies each Device once
 * (thousands of CGM readings name the same sensor; classifying it per reading was a hot spot).
 */
final class RecordDevices {
    /** PHD IG: property 532354.0 is the negated regulation status — "Y" means the device is NOT regulated. */
    static final Set<String> PHD_REGULATION = Set.of("http://terminology.hl7.org/CodeSystem/ASN1ToHL7|532354.0",
            "http://hl7.org/fhir/uv/phd/CodeSystem/ASN1ToHL7|532354.0"); // the PHD IG's own system in its 1.x versions

    private final Map<String, Device> byId = new HashMap<>();
    private final DeviceRegistry registry;
    private final Map<Device, DeviceInfo> classified = new IdentityHashMap<>();
    /** Each device reference resolved once: a record's readings name the same few devices thousands of times. */
    private final Map<String, Optional<Device>> byReference = new HashMap<>();
    private int unresolved;

    RecordDevices(List<Device> devices, DeviceRegistry registry) {
        this.registry = registry;
        devices.forEach(d -> {
            byId.put("Device/" + d.getIdElement().getIdPart(), d);
            if (d.getIdElement().getValue() != null && d.getIdElement().getValue().startsWith("urn:")) {
                byId.put(d.getIdElement().getValue(), d); // a Bundle entry's "urn:uuid:…" fullUrl, referenced as such
            }
        });
    }

    /** The Device the Observation names, or null when it names one that is not in the record. */
    Device resolve(ObservationView observation) {
        Device contained = observation.containedDevice();
        if (contained != null) {
            return contained;
        }
        String ref = observation.deviceReference();
        if (ref == null || ref.startsWith("#")) {
            return null;
        }
        return byReference.computeIfAbsent(ref, this::lookUp).orElse(null);
    }

    private Optional<Device> lookUp(String ref) {
        if (ref.startsWith("urn:")) {
            return Optional.ofNullable(byId.get(ref));
        }
        // Relative, absolute or version-specific ("Device/x/_history/2"): the logical id is what identifies it.
        IdType id = new IdType(ref);
        return Optional.ofNullable("Device".equals(id.getResourceType()) ? byId.get("Device/" + id.getIdPart()) : null);
    }

    /**
     * The provenance of a reading that names a device: the device's classification, or {@link DeviceInfo#UNRESOLVED}
     * (counted) when the device could not be had: the reading is still the patient's own, so it is kept.
     */
    DeviceInfo deviceOf(ObservationView observation) {
        Device device = resolve(observation);
        if (device == null) {
            unresolved++;
            return DeviceInfo.UNRESOLVED;
        }
        return classify(device);
    }

    /** Readings whose device could not be had, so far. */
    int unresolved() {
        return unresolved;
    }

    DeviceInfo classify(Device device) {
        return classified.computeIfAbsent(device, d -> registry.classify(describe(d)));
    }

    /** The record's one CGM, to which CGM data naming no device is attributed; none when there are several. */
    Optional<Device> onlyCgm() {
        List<Device> cgms = byId.values().stream().filter(d -> classify(d).kind() == DeviceKind.CGM).toList();
        return cgms.size() == 1 ? Optional.of(cgms.get(0)) : Optional.empty();
    }

    /**
     * What the device record says about itself. Any part may be missing or empty (a regulation-status coding without
     * a code, a deviceName without a name): it is then left out, never a failure, and the device lands lower.
     */
    static DeviceDescription describe(Device device) {
        List<String> deviceNames = device.getDeviceName().stream().map(Device.DeviceDeviceNameComponent::getName)
                .filter(RecordDevices::present).toList();
        String model = device.hasModelNumber() && present(device.getModelNumber()) ? device.getModelNumber()
                : deviceNames.stream().findFirst().orElse(null);
        Boolean regulated = device.getProperty().stream()
                .filter(p -> Concept.codesOf(p.getType()).stream().anyMatch(PHD_REGULATION::contains))
                .flatMap(p -> p.getValueCode().stream())
                .flatMap(cc -> cc.getCoding().stream())
                .map(Coding::getCode)
                .filter(RecordDevices::present)
                .findFirst()
                .map(flag -> !"Y".equalsIgnoreCase(flag.trim()))
                .orElse(null);
        if (regulated == null && device.getUdiCarrier().stream().anyMatch(u -> present(u.getDeviceIdentifier())
                || present(u.getCarrierHRF()) || u.hasCarrierAIDC())) {
            regulated = true; // only regulated medical devices carry a UDI
        }
        Set<String> typeCodes = new HashSet<>(Concept.codesOf(device.getType()));
        List<String> names = new ArrayList<>(deviceNames);
        names.addAll(ContextReader.texts(device.getType()));
        device.getSpecialization().forEach(s -> {
            typeCodes.addAll(Concept.codesOf(s.getSystemType()));
            names.addAll(ContextReader.texts(s.getSystemType()));
        });
        return new DeviceDescription(present(device.getManufacturer()) ? device.getManufacturer() : null, model,
                relative(device.getOwner().getReference()), regulated, typeCodes, names);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** "https://ehr.example/fhir/Organization/7", "Organization/7/_history/3" and "Organization/7" name one owner. */
    private static String relative(String reference) {
        if (reference == null) {
            return null;
        }
        IdType id = new IdType(reference);
        return id.getResourceType() == null ? reference : id.getResourceType() + "/" + id.getIdPart();
    }
}
