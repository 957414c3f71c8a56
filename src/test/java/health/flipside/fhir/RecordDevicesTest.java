package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import health.flipside.facts.provenance.DeviceDescription;
import health.flipside.facts.provenance.DeviceKind;
import health.flipside.facts.provenance.DeviceRegistry;
import health.flipside.facts.provenance.DeviceTier;

/** What a device record says about itself, read from whatever it has: missing or empty parts lower its tier, never fail. */
class RecordDevicesTest {
    private static final String MDC = "urn:iso:std:iso:11073:10101";
    private static final DeviceRegistry REGISTRY = new DeviceRegistry(Set.of(), List.of(), List.of(),
            List.of(new DeviceRegistry.KindWord("watch", DeviceKind.CUFFLESS)));

    private static Device phd(String regulationFlag) {
        Device device = new Device();
        device.setId("d1");
        device.setManufacturer("Acme Health");
        device.setModelNumber("BP-1");
        device.addSpecialization().setSystemType(new CodeableConcept(new Coding(MDC, "528391", "MDC_DEV_SPEC_PROFILE_BP")));
        device.addProperty()
                .setType(new CodeableConcept(new Coding("http://hl7.org/fhir/uv/phd/CodeSystem/ASN1ToHL7", "532354.0", null)))
                .addValueCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0136", regulationFlag, null)));
        return device;
    }

    @Test
    @DisplayName("PHD regulation status N (the negated flag cleared) is a regulated device: an unlisted cuff is tier B regulated")
    void regulatedPhdCuff() {
        DeviceDescription description = RecordDevices.describe(phd("N"));

        assertThat(description.regulated()).isTrue();
        assertThat(REGISTRY.classify(description).tier()).isEqualTo(DeviceTier.REGULATED);
        assertThat(REGISTRY.classify(description).kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
    }

    @Test
    @DisplayName("a regulation-status coding with an empty or missing code says nothing: tier C, no exception")
    void emptyRegulationCode() {
        for (String flag : new String[] {"", "  ", null}) {
            DeviceDescription description = RecordDevices.describe(phd(flag));

            assertThat(description.regulated()).as("flag '%s'", flag).isNull();
            assertThat(REGISTRY.classify(description).tier()).isEqualTo(DeviceTier.CONSUMER);
        }
    }

    @Test
    @DisplayName("a deviceName without a name, blank manufacturer and empty codings are left out, never a failure")
    void emptyNamesAndCodings() {
        Device device = new Device();
        device.setId("d2");
        device.setManufacturer(" ");
        device.addDeviceName(); // no name, no type
        device.setType(new CodeableConcept().addCoding(new Coding()));
        device.addSpecialization();
        device.addUdiCarrier(); // an empty UDI carrier declares nothing

        DeviceDescription description = RecordDevices.describe(device);

        assertThat(description.manufacturer()).isNull();
        assertThat(description.model()).isNull();
        assertThat(description.regulated()).isNull();
        assertThat(description.label()).isNull();
        assertThat(REGISTRY.classify(description).tier()).isEqualTo(DeviceTier.CONSUMER);
    }

    @Test
    @DisplayName("a UDI carrier declares a regulated medical device; the deviceName gives the model and the kind words")
    void udiCarrierAndNames() {
        Device device = new Device();
        device.setId("d3");
        device.addUdiCarrier().setDeviceIdentifier("00812345678906");
        device.addDeviceName().setName("Pulse Watch 2");

        DeviceDescription description = RecordDevices.describe(device);

        assertThat(description.regulated()).isTrue();
        assertThat(description.model()).isEqualTo("Pulse Watch 2");
        // it says "watch": a wearable stays consumer however it is regulated
        assertThat(REGISTRY.classify(description).tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(REGISTRY.classify(description).kind()).isEqualTo(DeviceKind.CUFFLESS);
    }
}
