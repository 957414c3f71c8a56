package health.flipside.facts.provenance;

import java.util.List;
import java.util.Set;

/**
 * What the FHIR layer could read about a device, free of FHIR types. Every field may be missing: a device record
 * with empty codings, names or regulation status is described with what it has and classified at a lower tier.
 *
 * @param manufacturer   Device.manufacturer, may be null
 * @param model          Device.modelNumber (or deviceName), may be null
 * @param ownerReference Device.owner reference such as "Organization/clinic-1", may be null
 * @param regulated      the device's own statement: PHD regulation status (property 532354.0 is a negated flag),
 *                       or a UDI carrier (only regulated medical devices carry one); null when it says nothing
 * @param typeCodes      codes from Device.type and specialization, as "system|code"
 * @param names          the device's names and type texts (deviceName, type and specialization text), lower-case
 *                       matching of kind words ("wrist", "watch") reads them
 */
public record DeviceDescription(String manufacturer, String model, String ownerReference, Boolean regulated,
                                Set<String> typeCodes, List<String> names) {
    public DeviceDescription {
        typeCodes = typeCodes == null ? Set.of() : Set.copyOf(typeCodes);
        names = names == null ? List.of() : names.stream().filter(n -> n != null && !n.isBlank()).toList();
    }

    public DeviceDescription(String manufacturer, String model, String ownerReference, Boolean regulated,
                             Set<String> typeCodes) {
        this(manufacturer, model, ownerReference, regulated, typeCodes, List.of());
    }

    /**
     * A short human label such as "Omron HEM-9200T", never an identifier; null when the record gives neither maker
     * nor model (cds-cards/partials/device-name.mustache words that).
     */
    public String label() {
        String text = ((manufacturer == null ? "" : manufacturer) + " " + (model == null ? "" : model)).trim();
        return text.isEmpty() ? null : text;
    }
}
