package health.flipside.facts.provenance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hospital-maintained device list and the tier rules (docs/clinical-sources.md, across topics; first match wins),
 * with
 * what the device itself says when it is not on the list. Loaded from {@code rules/provenance/devices.yaml}; see
 * rules/README.md for the contract.
 *
 * <p>The list is how a hospital raises or lowers trust. Most patients' devices are not on it on day one, so an
 * unlisted device is judged by what its record declares: a regulated medical device (PHD regulation status, or a
 * UDI carrier) of the right kind (an upper-arm cuff, a meter or sensor, a scale, a fingertip oximeter) is tier B,
 * "regulated, model not verified by the clinic"; watches, rings and cuffless devices stay consumer (tier C).
 *
 * @param clinicOwners    Device.owner references that mean "issued by this clinic" (Tier A)
 * @param validatedModels models with a published validation (Tier B, or A when clinic-owned)
 * @param cufflessModels  cuffless BP estimators (watches, rings): Tier C, never classified
 * @param kindWords       words in a device's names that say its kind ("watch", "wrist"), first match wins
 */
public record DeviceRegistry(Set<String> clinicOwners, List<Model> validatedModels, List<Model> cufflessModels,
                             List<KindWord> kindWords) {

    /** PHD specialization MDC_DEV_SPEC_PROFILE_BPM: a blood-pressure monitor (HL7 PHD IG). */
    static final String PHD_BPM = "urn:iso:std:iso:11073:10101|528391";
    /** PHD specializations of other personal health devices: pulse oximeter, weighing scale, glucose meter. */
    static final Map<String, DeviceKind> PHD_KINDS = Map.of(
            PHD_BPM, DeviceKind.UPPER_ARM_CUFF,
            "urn:iso:std:iso:11073:10101|528388", DeviceKind.FINGERTIP_OXIMETER,
            "urn:iso:std:iso:11073:10101|528399", DeviceKind.SCALE,
            "urn:iso:std:iso:11073:10101|528401", DeviceKind.GLUCOSE_METER);
    /** The kinds whose readings a regulated device may carry into guideline logic. */
    private static final Set<DeviceKind> MEASURING_KINDS = Set.of(DeviceKind.UPPER_ARM_CUFF, DeviceKind.WRIST_CUFF,
            DeviceKind.FINGERTIP_OXIMETER, DeviceKind.SCALE, DeviceKind.GLUCOSE_METER, DeviceKind.CGM);

    public DeviceRegistry {
        clinicOwners = Set.copyOf(clinicOwners);
        validatedModels = List.copyOf(validatedModels);
        cufflessModels = List.copyOf(cufflessModels);
        kindWords = kindWords == null ? List.of() : List.copyOf(kindWords);
    }

    public DeviceRegistry(Set<String> clinicOwners, List<Model> validatedModels, List<Model> cufflessModels) {
        this(clinicOwners, validatedModels, cufflessModels, List.of());
    }

    public record Model(String manufacturer, String model, DeviceKind kind) {
        boolean matches(DeviceDescription device) {
            return normalized(manufacturer).equals(normalized(device.manufacturer()))
                    && normalized(model).equals(normalized(device.model()));
        }
    }

    /** A whole word (or words) in a device's names, model or type texts that says what kind of device it is. */
    public record KindWord(String word, DeviceKind kind) {
        public KindWord {
            word = normalized(word);
        }

        boolean foundIn(String text) {
            return Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text).find();
        }
    }

    public DeviceInfo classify(DeviceDescription device) {
        Model validated = find(validatedModels, device);
        Model cuffless = find(cufflessModels, device);
        if (device.ownerReference() != null && clinicOwners.contains(device.ownerReference())) {
            // The clinic chose and issued it: trust its kind from the list, or what the device says it is.
            DeviceKind kind = validated != null ? validated.kind() : cuffless != null ? DeviceKind.CUFFLESS : inferKind(device);
            return new DeviceInfo(DeviceTier.CLINIC_ISSUED, kind, device.label());
        }
        if (cuffless != null) {
            return new DeviceInfo(DeviceTier.CONSUMER, DeviceKind.CUFFLESS, device.label());
        }
        // PHD regulation status "unregulated" overrides the list: the device itself says it is not a medical device.
        boolean unregulated = Boolean.FALSE.equals(device.regulated());
        if (validated != null && !unregulated) {
            return new DeviceInfo(DeviceTier.VALIDATED, validated.kind(), device.label());
        }
        DeviceKind kind = inferKind(device);
        if (Boolean.TRUE.equals(device.regulated()) && MEASURING_KINDS.contains(kind)) {
            return new DeviceInfo(DeviceTier.REGULATED, kind, device.label());
        }
        return new DeviceInfo(DeviceTier.CONSUMER, kind, device.label());
    }

    /**
     * The kind a device's own record states: a kind word in its names first (a "wrist" BP monitor is a wrist cuff
     * even with the PHD blood-pressure specialization; a "watch" is a wearable whatever it measures), else its PHD
     * specialization; unknown when it says neither.
     */
    DeviceKind inferKind(DeviceDescription device) {
        String text = normalized(String.join(" ", device.names()) + " " + (device.model() == null ? "" : device.model()));
        for (KindWord word : kindWords) {
            if (word.foundIn(text)) {
                return word.kind();
            }
        }
        return device.typeCodes().stream().map(PHD_KINDS::get).filter(k -> k != null).findFirst().orElse(DeviceKind.UNKNOWN);
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
