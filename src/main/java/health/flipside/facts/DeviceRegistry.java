package health.flipside.facts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * The hospital-maintained device list and the tier rules of reference/clinical.md §8.2 (first match wins).
 * Loaded from {@code rules/provenance/devices.yaml}; see rules/README.md for the contract.
 *
 * @param clinicOwners    Device.owner references that mean "issued by this clinic" (Tier A)
 * @param validatedModels models with a published validation (Tier B, or A when clinic-owned)
 * @param cufflessModels  cuffless BP estimators (watches, rings): Tier C, never classified
 */
public record DeviceRegistry(Set<String> clinicOwners, List<Model> validatedModels, List<Model> cufflessModels) {

    /** PHD specialization MDC_DEV_SPEC_PROFILE_BPM: a blood-pressure monitor (HL7 PHD IG). */
    static final String PHD_BPM = "urn:iso:std:iso:11073:10101|528391";
    /** PHD specializations of other personal health devices: pulse oximeter, weighing scale, glucose meter. */
    static final java.util.Map<String, DeviceKind> PHD_KINDS = java.util.Map.of(
            PHD_BPM, DeviceKind.UPPER_ARM_CUFF,
            "urn:iso:std:iso:11073:10101|528388", DeviceKind.FINGERTIP_OXIMETER,
            "urn:iso:std:iso:11073:10101|528399", DeviceKind.SCALE,
            "urn:iso:std:iso:11073:10101|528401", DeviceKind.GLUCOSE_METER);

    public DeviceRegistry {
        clinicOwners = Set.copyOf(clinicOwners);
        validatedModels = List.copyOf(validatedModels);
        cufflessModels = List.copyOf(cufflessModels);
    }

    public record Model(String manufacturer, String model, DeviceKind kind) {
        boolean matches(DeviceDescription device) {
            return normalized(manufacturer).equals(normalized(device.manufacturer()))
                    && normalized(model).equals(normalized(device.model()));
        }
    }

    public DeviceInfo classify(DeviceDescription device) {
        Model validated = find(validatedModels, device);
        Model cuffless = find(cufflessModels, device);
        if (device.ownerReference() != null && clinicOwners.contains(device.ownerReference())) {
            // The clinic chose and issued it: trust its kind from the list, or its PHD device specialization.
            DeviceKind kind = validated != null ? validated.kind()
                    : cuffless != null ? DeviceKind.CUFFLESS
                    : device.typeCodes().stream().map(PHD_KINDS::get).filter(k -> k != null).findFirst().orElse(DeviceKind.UNKNOWN);
            return new DeviceInfo(DeviceTier.CLINIC_ISSUED, kind, device.label());
        }
        if (cuffless != null) {
            return new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, device.label());
        }
        // PHD regulation status "unregulated" overrides the list: the device itself says it is not a medical device.
        if (validated != null && !Boolean.FALSE.equals(device.regulated())) {
            return new DeviceInfo(DeviceTier.VALIDATED, validated.kind(), device.label());
        }
        return new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.UNKNOWN, device.label());
    }

    private static Model find(List<Model> models, DeviceDescription device) {
        return models.stream().filter(m -> m.matches(device)).findFirst().orElse(null);
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");

    /** "OMRON_Healthcare", "Omron Healthcare" and "omron healthcare" name the same maker. */
    static String normalized(String text) {
        return text == null ? "" : SEPARATORS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
