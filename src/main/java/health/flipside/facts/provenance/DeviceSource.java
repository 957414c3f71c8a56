package health.flipside.facts.provenance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The devices readings came from, by tier, most trusted first, for the cards to name
 * (cds-cards/partials/device-source.mustache: "Tier A: clinic-issued validated device (Omron HEM-9200T)").
 *
 * @param tiers each tier with its devices, each device once
 */
public record DeviceSource(List<TierDevices> tiers) {
    public static final DeviceSource NONE = new DeviceSource(List.of());

    public static DeviceSource of(Collection<DeviceInfo> devices) {
        Map<DeviceTier, List<DeviceInfo>> byTier = new TreeMap<>();
        devices.forEach(d -> byTier.computeIfAbsent(d.tier(), t -> new ArrayList<>()).add(d));
        List<TierDevices> tiers = new ArrayList<>();
        byTier.forEach((tier, inTier) -> {
            List<Device> named = new ArrayList<>();
            for (DeviceInfo d : inTier) {
                Device device = new Device(d.label(), d.unnamed(), named.isEmpty());
                if (named.stream().noneMatch(device::sameAs)) {
                    named.add(device);
                }
            }
            tiers.add(new TierDevices(tier, List.copyOf(named), tiers.isEmpty()));
        });
        return new DeviceSource(List.copyOf(tiers));
    }

    /**
     * One tier and its devices.
     *
     * @param first the first (most trusted) tier listed: templates put a separator before every other
     */
    public record TierDevices(DeviceTier tier, List<Device> devices, boolean first) {
        public String code() {
            return tier.code();
        }

        /** The tier as a key templates can test, {{#is.CLINIC_ISSUED}}…{{/is.CLINIC_ISSUED}}. */
        public Map<String, Boolean> is() {
            return Map.of(tier.name(), true);
        }
    }

    /**
     * One device as a card names it: by its label, or by why it has none (cds-cards/partials/device-name.mustache).
     *
     * @param label   the device's own name ("Omron HEM-9200T"), or null
     * @param unnamed why there is no label, null when there is one
     * @param first   the first device of its tier
     */
    public record Device(String label, DeviceInfo.Unnamed unnamed, boolean first) {
        boolean sameAs(Device other) {
            return java.util.Objects.equals(label, other.label) && unnamed == other.unnamed;
        }

        /** Why there is no label, as {@link DeviceInfo#why()}. */
        public Map<String, Boolean> why() {
            return DeviceInfo.why(unnamed);
        }
    }
}
