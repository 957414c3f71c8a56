package health.flipside.facts;

import java.util.Set;

/**
 * What the FHIR layer could read about a device, free of FHIR types.
 *
 * @param manufacturer   Device.manufacturer, may be null
 * @param model          Device.modelNumber (or deviceName), may be null
 * @param ownerReference Device.owner reference such as "Organization/clinic-1", may be null
 * @param regulated      PHD regulation status (property 532354.0 is a negated flag); null when absent
 * @param typeCodes      codes from Device.type and specialization, as "system|code"
 */
public record DeviceDescription(String manufacturer, String model, String ownerReference, Boolean regulated,
                                Set<String> typeCodes) {
    public DeviceDescription {
        typeCodes = typeCodes == null ? Set.of() : Set.copyOf(typeCodes);
    }

    /** A short human label such as "Omron HEM-9200T", never an identifier. */
    public String label() {
        String text = ((manufacturer == null ? "" : manufacturer) + " " + (model == null ? "" : model)).trim();
        return text.isEmpty() ? "unnamed device" : text;
    }
}
