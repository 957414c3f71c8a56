package health.flipside.fhir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;

/**
 * The Devices that readings name but the record did not bring. A home reading shaped by the HL7 Personal Health
 * Device IG references its PHD Device, which carries no {@code patient} element: {@code Device?patient=…} does not
 * return it, and an EHR may ignore {@code _include=Observation:device}. Without the Device the reading's provenance
 * is unknown, so Flipside reads each missing one by id from the EHR's own FHIR server.
 */
final class MissingDevices {
    /** Enough for every device a real patient owns; a record naming more is not read device by device. */
    static final int MAX_READS = 20;
    /** A FHIR logical id: anything else is not put into a URL. */

    private MissingDevices() {
    }

    /**
     * The relative URLs ("Device/abc") to read, at most {@link #MAX_READS}. Only references on the EHR's own
     * server are followed: relative ones, or absolute ones under {@code serverBase} (the access token is never sent
     * to another server); contained ({@code #x}) and {@code urn:} references cannot be read by id.
     */
    static List<String> toRead(ResolvedData data, String serverBase) {
        Set<String> present = new java.util.HashSet<>();
        data.all().stream().filter(Device.class::isInstance)
                .forEach(d -> present.add(d.getIdElement().getIdPart()));
        Set<String> missing = new LinkedHashSet<>();
        for (ObservationView observation : data.allObservations()) {
            String reference = observation.deviceReference();
            if (reference == null || observation.containedDevice() != null || reference.startsWith("#")
                    || reference.startsWith("urn:")) {
                continue;
            }
            IdType id = new IdType(reference);
            boolean onServer = !id.hasBaseUrl() || sameBase(id.getBaseUrl(), serverBase);
            if (onServer && "Device".equals(id.getResourceType()) && id.getIdPart() != null
                    && FhirValues.isId(id.getIdPart(), 0) && !present.contains(id.getIdPart())) {
                missing.add("Device/" + id.getIdPart());
            }
        }
        return missing.stream().limit(MAX_READS).toList();
    }

    private static boolean sameBase(String a, String b) {
        return b != null && strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
