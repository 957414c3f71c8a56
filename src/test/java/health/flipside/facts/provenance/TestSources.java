package health.flipside.facts.provenance;

import java.util.List;

/** Device sources for tests: one named device of a tier. */
public final class TestSources {
    private TestSources() {
    }

    public static DeviceSource one(DeviceTier tier, String device) {
        return DeviceSource.of(List.of(new DeviceInfo(tier, DeviceKind.UNKNOWN, device)));
    }
}
