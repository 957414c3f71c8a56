package health.flipside.facts.provenance;

import health.flipside.facts.Metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provenance tiers of docs/clinical-sources.md, across topics as rules/README.md and rules/provenance/devices.yaml
 * define them. */
class DeviceRegistryTest {
    private static final String CLINIC = "Organization/demo-clinic";
    /** MDC_DEV_SPEC_PROFILE_BPM, the PHD specialization of a blood-pressure monitor. */
    private static final String PHD_BPM = "urn:iso:std:iso:11073:10101|528391";

    private final DeviceRegistry registry = new DeviceRegistry(
            Set.of(CLINIC),
            List.of(new DeviceRegistry.Model("Omron Healthcare", "HEM-9200T", DeviceKind.UPPER_ARM_CUFF),
                    new DeviceRegistry.Model("Omron Healthcare", "BP6350", DeviceKind.WRIST_CUFF)),
            List.of(new DeviceRegistry.Model("Samsung", "Galaxy Watch", DeviceKind.CUFFLESS)));

    private static DeviceDescription device(String manufacturer, String model, String owner, Boolean regulated,
                                            Set<String> typeCodes) {
        return new DeviceDescription(manufacturer, model, owner, regulated, typeCodes);
    }

    @Test
    @DisplayName("a listed model owned by the patient is tier B with the kind from the list")
    void listedModelIsValidated() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "HEM-9200T", null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.VALIDATED);
        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(info.label()).isEqualTo("Omron Healthcare HEM-9200T");
        assertThat(info.qualifiesForBloodPressure()).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" \"{1}\"")
    @DisplayName("manufacturer and model match however the device spells case, spaces, underscores and dashes")
    @CsvSource({
            "OMRON_Healthcare, HEM-9200T",
            "omron healthcare, hem 9200t",
            "'  Omron-Healthcare ', HEM_9200T",
            "OMRON   HEALTHCARE, HEM--9200T"
    })
    void namesAreNormalised(String manufacturer, String model) {
        DeviceInfo info = registry.classify(device(manufacturer, model, null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.VALIDATED);
        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
    }

    @Test
    @DisplayName("the same maker with another model is not on the list: tier C, kind unknown")
    void unlistedModelIsConsumer() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "HEM-7600T", null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(info.kind()).isEqualTo(DeviceKind.UNKNOWN);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @Test
    @DisplayName("a listed wrist cuff is tier B but does not qualify for the home mean (upper-arm only)")
    void listedWristCuffDoesNotQualify() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "BP6350", null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.VALIDATED);
        assertThat(info.kind()).isEqualTo(DeviceKind.WRIST_CUFF);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @Test
    @DisplayName("PHD regulation status 'unregulated' overrides the validated list")
    void unregulatedOverridesList() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "HEM-9200T", null, false, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @Test
    @DisplayName("PHD regulation status 'regulated' keeps a listed model in tier B")
    void regulatedListedModelStaysValidated() {
        assertThat(registry.classify(device("Omron Healthcare", "HEM-9200T", null, true, null)).tier())
                .isEqualTo(DeviceTier.VALIDATED);
    }

    @Test
    @DisplayName("'regulated' alone does not validate an unlisted model (tier B needs the list, rules/README.md)")
    void regulatedAloneIsNotEnough() {
        assertThat(registry.classify(device("Acme", "BP-1", null, true, null)).tier()).isEqualTo(DeviceTier.CONSUMER);
    }

    @Test
    @DisplayName("a listed cuffless model is tier C and cuffless")
    void cufflessModel() {
        DeviceInfo info = registry.classify(device("SAMSUNG", "galaxy_watch", null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(info.kind()).isEqualTo(DeviceKind.CUFFLESS);
    }

    @Test
    @DisplayName("a clinic-owned listed model is tier A with the kind from the list")
    void clinicOwnedListedModel() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "HEM-9200T", CLINIC, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(info.qualifiesForBloodPressure()).isTrue();
    }

    @Test
    @DisplayName("a clinic-owned unlisted device with the PHD BP-monitor profile counts as an upper-arm cuff")
    void clinicOwnedPhdBloodPressureMonitor() {
        DeviceInfo info = registry.classify(device("Acme", "BP-1", CLINIC, null, Set.of(PHD_BPM)));

        assertThat(info.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(info.qualifiesForBloodPressure()).isTrue();
    }

    @Test
    @DisplayName("a clinic-owned unlisted device without a BP profile is tier A of unknown kind, so not used for means")
    void clinicOwnedUnknownKind() {
        DeviceInfo info = registry.classify(device("Acme", "Thing", CLINIC, null,
                Set.of("urn:iso:std:iso:11073:10101|65573")));

        assertThat(info.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
        assertThat(info.kind()).isEqualTo(DeviceKind.UNKNOWN);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @Test
    @DisplayName("a clinic-owned cuffless watch stays cuffless: clinic ownership does not make it a cuff")
    void clinicOwnedCuffless() {
        DeviceInfo info = registry.classify(device("Samsung", "Galaxy Watch", CLINIC, null, Set.of(PHD_BPM)));

        assertThat(info.tier()).isEqualTo(DeviceTier.CLINIC_ISSUED);
        assertThat(info.kind()).isEqualTo(DeviceKind.CUFFLESS);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @Test
    @DisplayName("an owner that is not on the clinic list does not make a device tier A")
    void otherOwnerIsNotClinic() {
        DeviceInfo info = registry.classify(device("Omron Healthcare", "HEM-9200T", "Organization/other-clinic", null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.VALIDATED);
    }

    @Test
    @DisplayName("a device without manufacturer or model is tier C, without a label and marked as having none in its record")
    void unnamedDevice() {
        DeviceInfo info = registry.classify(device(null, null, null, null, null));

        assertThat(info.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(info.label()).isNull();
        assertThat(info.unnamed()).isEqualTo(DeviceInfo.Unnamed.NO_NAME_IN_RECORD);
    }

    /** The registry as devices.yaml ships it: the list above plus the kind words. */
    private final DeviceRegistry withWords = new DeviceRegistry(registry.clinicOwners(), registry.validatedModels(),
            registry.cufflessModels(), List.of(new DeviceRegistry.KindWord("watch", DeviceKind.CUFFLESS),
                    new DeviceRegistry.KindWord("ring", DeviceKind.CUFFLESS),
                    new DeviceRegistry.KindWord("wrist", DeviceKind.WRIST_CUFF),
                    new DeviceRegistry.KindWord("upper-arm", DeviceKind.UPPER_ARM_CUFF),
                    new DeviceRegistry.KindWord("pulse oximeter", DeviceKind.FINGERTIP_OXIMETER)));

    private static DeviceDescription unlisted(Boolean regulated, Set<String> codes, String... names) {
        return new DeviceDescription("Acme Health", "X-100", null, regulated, codes, List.of(names));
    }

    @Test
    @DisplayName("an unlisted device declaring itself regulated, of a measuring kind, is tier B 'regulated, model not verified'")
    void regulatedUnlistedCuffIsTrusted() {
        DeviceInfo info = withWords.classify(unlisted(true, Set.of(PHD_BPM)));

        assertThat(info.tier()).isEqualTo(DeviceTier.REGULATED);
        assertThat(info.tier().code()).isEqualTo("B");
        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(info.qualifiesForBloodPressure()).isTrue();
    }

    @Test
    @DisplayName("a regulated device whose name says wrist is a wrist cuff: never in the home mean")
    void regulatedWristMonitor() {
        DeviceInfo info = withWords.classify(unlisted(true, Set.of(PHD_BPM), "Wrist Blood Pressure Monitor"));

        assertThat(info.tier()).isEqualTo(DeviceTier.REGULATED);
        assertThat(info.kind()).isEqualTo(DeviceKind.WRIST_CUFF);
        assertThat(info.qualifiesForBloodPressure()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("watches and rings stay consumer even when they declare themselves regulated")
    @CsvSource({"Smart Watch", "Health Ring"})
    void wearablesStayConsumer(String name) {
        DeviceInfo info = withWords.classify(unlisted(true, Set.of("urn:iso:std:iso:11073:10101|528388"), name));

        assertThat(info.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(info.kind()).isEqualTo(DeviceKind.CUFFLESS);
    }

    @Test
    @DisplayName("'ring' inside another word ('Monitoring') is not a ring")
    void kindWordsMatchWholeWords() {
        DeviceInfo info = withWords.classify(unlisted(true, Set.of(PHD_BPM), "Home Monitoring Cuff"));

        assertThat(info.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(info.tier()).isEqualTo(DeviceTier.REGULATED);
    }

    @Test
    @DisplayName("regulated but of no stated kind, unregulated, or silent: tier C, the kind it states is kept")
    void withoutDeclarationOrKindItIsConsumer() {
        assertThat(withWords.classify(unlisted(true, Set.of())).tier()).isEqualTo(DeviceTier.CONSUMER);
        DeviceInfo unregulated = withWords.classify(unlisted(false, Set.of(PHD_BPM)));
        assertThat(unregulated.tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(unregulated.kind()).isEqualTo(DeviceKind.UPPER_ARM_CUFF);
        assertThat(withWords.classify(unlisted(null, Set.of(PHD_BPM))).tier()).isEqualTo(DeviceTier.CONSUMER);
    }

    @Test
    @DisplayName("a regulated oximeter vouches for SpO2, not for a weight or a glucose value it reports")
    void regulatedTrustIsForItsOwnKind() {
        DeviceInfo oximeter = withWords.classify(unlisted(true, Set.of(), "Pulse Oximeter"));

        assertThat(oximeter.forMetric(Metric.OXYGEN_SATURATION).tier()).isEqualTo(DeviceTier.REGULATED);
        assertThat(oximeter.forMetric(Metric.BODY_WEIGHT).tier()).isEqualTo(DeviceTier.CONSUMER);
        assertThat(oximeter.forMetric(Metric.GLUCOSE).tier()).isEqualTo(DeviceTier.CONSUMER);
        DeviceInfo listed = withWords.classify(device("Omron Healthcare", "HEM-9200T", null, null, null));
        assertThat(listed.forMetric(Metric.BODY_WEIGHT)).isSameAs(listed); // the hospital's list is not second-guessed
    }
}
