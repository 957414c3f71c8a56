package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which device references Flipside reads by id, and which it never follows. */
class MissingDevicesTest {
    private static final String BASE = "https://ehr.example/fhir";

    private static Observation naming(String reference) {
        Observation observation = new Observation();
        observation.setDevice(new Reference(reference));
        return observation;
    }

    private static ResolvedData data(List<Resource> record) {
        return new ResolvedData(java.util.Map.of("all", record), List.of());
    }

    @Test
    @DisplayName("relative, absolute-on-this-server and versioned references to absent devices are read once each")
    void readsEachMissingDeviceOnce() {
        List<Resource> record = List.of(naming("Device/a"), naming(BASE + "/Device/a/_history/2"), naming("Device/b"),
                naming(BASE + "/Device/c"), new Device().setId("b"));

        assertThat(MissingDevices.toRead(data(record), BASE + "/")).containsExactly("Device/a", "Device/c");
    }

    @Test
    @DisplayName("never followed: another server (the token stays home), contained and urn references, non-devices, odd ids")
    void neverFollowed() {
        List<Resource> record = List.of(naming("https://attacker.example/fhir/Device/x"), naming("#contained"),
                naming("urn:uuid:0a1b"), naming("Patient/p"), naming("Device/a%2F..%2Fb"), naming("Device/"),
                new Observation());

        assertThat(MissingDevices.toRead(data(record), BASE)).isEmpty();
    }

    @Test
    @DisplayName("at most MAX_READS devices are read for one record")
    void bounded() {
        List<Resource> record = new ArrayList<>();
        for (int i = 0; i < MissingDevices.MAX_READS + 5; i++) {
            record.add(naming("Device/d" + i));
        }

        assertThat(MissingDevices.toRead(data(record), BASE)).hasSize(MissingDevices.MAX_READS);
    }
}
