package health.flipside.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests (deploy/k8s) and the Containerfile describe a deployment that can work: what kustomize
 * applies exists, the replicas are several and share everything through PostgreSQL, the probes hit Flipside's health
 * endpoints on the container's port, every setting names a variable Flipside reads, secrets come from a Secret, and
 * no volume keeps state on a node.
 */
class DeploymentManifestsTest {
    static final Path K8S = Path.of("deploy/k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> SECRETS = Set.of("FLIPSIDE_DB_PASSWORD", "FLIPSIDE_PATIENT_KEY", "FLIPSIDE_ADMIN_PASSWORD");

    static Map<String, JsonNode> byKind = new HashMap<>();
    static List<JsonNode> configMaps = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (JsonNode resource : applied()) {
            String kind = resource.get("kind").asText();
            if (kind.equals("ConfigMap")) {
                configMaps.add(resource);
            } else {
                assertThat(byKind.put(kind, resource)).as("one " + kind).isNull();
            }
        }
    }

    /** Every document of every file kustomization.yaml lists; each listed file must exist. */
    static List<JsonNode> applied() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode file : kustomization.get("resources")) {
            Path path = K8S.resolve(file.asText());
            assertThat(path).as("listed in kustomization.yaml").isRegularFile();
            try (var parser = YAML.getFactory().createParser(path.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
            }
        }
        return documents;
    }

    @Test
    void kustomizeAppliesAConfigurationADeploymentAServiceAndADisruptionBudgetButNoSecret() {
        assertThat(byKind).containsKeys("Deployment", "Service", "PodDisruptionBudget").doesNotContainKey("Secret");
        assertThat(configMaps).extracting(c -> c.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("flipside-config", "flipside-trusted-clients");
    }

    @Test
    void severalReplicasAndNeverNoneDuringAnUpdateOrADrain() {
        JsonNode spec = deployment().get("spec");
        assertThat(spec.get("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(byKind.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isPositive();
    }

    @Test
    void probesAskFlipsidesHealthOnTheContainersPort() {
        JsonNode container = container();
        String port = container.at("/ports/0/name").asText();
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9080);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/started");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo(port);
        }
        // start-up runs every scenario: the startup probe must allow minutes, not the default 30 s
        JsonNode startup = container.get("startupProbe");
        assertThat(startup.get("periodSeconds").asInt() * startup.get("failureThreshold").asInt()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void theServiceSendsToTheDeploymentsPodsOnTheirPort() {
        JsonNode service = byKind.get("Service");
        JsonNode podLabels = deployment().at("/spec/template/metadata/labels");
        service.at("/spec/selector").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).as(label.getKey()).isEqualTo(label.getValue().asText()));
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(container().at("/ports/0/name").asText());
    }

    @Test
    void replicasShareFeedbackAndReplayStoresOnPostgresql() {
        Map<String, String> settings = settings();
        assertThat(settings).containsEntry("FLIPSIDE_DB", "postgresql")
                .containsEntry("FLIPSIDE_SECURITY_REPLAY_STORE", "postgresql")
                .containsKeys("FLIPSIDE_PUBLIC_BASE_URL", "FLIPSIDE_DB_HOST", "FLIPSIDE_SECURITY_CLIENTS_FILE");
        assertThat(settings.get("FLIPSIDE_PUBLIC_BASE_URL")).startsWith("https://");
        assertThat(settings.get("FLIPSIDE_SECURITY_CLIENTS_FILE")).startsWith(mountPath("trusted-clients") + "/");
    }

    @Test
    void secretsComeFromASecretNeverFromTheConfigMapOrTheManifest() {
        assertThat(settings().keySet()).doesNotContainAnyElementsOf(SECRETS);
        assertThat(container().path("env").findValuesAsText("name")).doesNotContainAnyElementsOf(SECRETS);
        assertThat(container().get("envFrom").findValuesAsText("name")).contains("flipside-secrets");
    }

    @Test
    void everySettingNamesAVariableFlipsideReads() throws IOException {
        Set<String> known = knownVariables();
        for (String name : settings().keySet()) {
            if (name.equals("OPENJ9_JAVA_OPTIONS")) {
                continue; // the JVM's, not Flipside's
            }
            String variable = name.toLowerCase(Locale.ROOT).replace('_', '.');
            assertThat(known).as(name + " is the environment name of a variable server.xml or the application reads")
                    .contains(variable);
        }
    }

    @Test
    void noVolumeKeepsStateOnTheNode() {
        JsonNode volumes = deployment().at("/spec/template/spec/volumes");
        assertThat(volumes.isArray()).isTrue();
        for (JsonNode volume : volumes) {
            Set<String> sources = new HashSet<>();
            volume.fieldNames().forEachRemaining(sources::add);
            sources.remove("name");
            assertThat(sources).as(volume.get("name").asText()).isSubsetOf(Set.of("configMap", "secret", "emptyDir"));
        }
        assertThat(deployment().get("spec").has("volumeClaimTemplates")).isFalse();
        assertThat(container().at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(deployment().at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theExampleSecretHoldsExactlyTheSecretsAndOnlyPlaceholders() throws IOException {
        JsonNode secret = YAML.readTree(K8S.resolve("secret.example.yaml").toFile());
        assertThat(secret.get("kind").asText()).isEqualTo("Secret");
        assertThat(secret.at("/metadata/name").asText()).isEqualTo("flipside-secrets");
        Set<String> keys = new HashSet<>();
        secret.get("stringData").fields().forEachRemaining(e -> {
            keys.add(e.getKey());
            assertThat(e.getValue().asText()).as(e.getKey()).startsWith("change-me");
        });
        assertThat(keys).isEqualTo(SECRETS);
    }

    @Test
    void theContainerfileBuildsTheOpenLibertyWay() throws IOException {
        String containerfile = Files.readString(Path.of("Containerfile"));
        assertThat(containerfile).contains("FROM icr.io/appcafe/open-liberty:").contains("full-java17-openj9-ubi-minimal")
                .contains("/config/apps/flipside.war").contains("/opt/ol/wlp/usr/shared/resources/jdbc/");
        assertThat(containerfile.strip()).endsWith("RUN configure.sh");
        // every configuration file server.xml may include is in the image
        for (String file : List.of("server.xml", "datasource-h2.xml", "datasource-postgresql.xml", "trusted-clients.yaml")) {
            assertThat(containerfile).contains("liberty-config/" + file);
        }
        // the Liberty release of the image is the one the build tests
        Matcher runtime = Pattern.compile("<artifactId>openliberty-runtime</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(runtime.find()).isTrue();
        assertThat(containerfile).contains("LIBERTY_TAG=" + runtime.group(1) + "-full-java17-openj9-ubi-minimal");
    }

    static JsonNode deployment() {
        return byKind.get("Deployment");
    }

    static JsonNode container() {
        JsonNode containers = deployment().at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    static String mountPath(String volume) {
        for (JsonNode mount : container().get("volumeMounts")) {
            if (mount.get("name").asText().equals(volume)) {
                return mount.get("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of " + volume);
    }

    /** The environment of the container: the data of the ConfigMaps it takes whole (envFrom). */
    static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        for (JsonNode from : container().get("envFrom")) {
            String name = from.at("/configMapRef/name").asText(null);
            if (name == null) {
                continue;
            }
            JsonNode map = configMaps.stream().filter(c -> c.at("/metadata/name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
            ((ObjectNode) map.get("data")).fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        }
        assertThat(settings).isNotEmpty();
        return settings;
    }

    /** Variables of liberty-config/*.xml and the flipside.* names the application's code spells out. */
    static Set<String> knownVariables() throws IOException {
        Set<String> known = new HashSet<>();
        Pattern variable = Pattern.compile("<variable name=\"([^\"]+)\"");
        Pattern property = Pattern.compile("\"(flipside\\.[a-z0-9.]+)\"");
        List<Path> files;
        try (Stream<Path> config = Files.list(Path.of("liberty-config")); Stream<Path> java = Files.walk(Path.of("src/main/java"))) {
            files = Stream.concat(config.filter(p -> p.toString().endsWith(".xml")), java.filter(p -> p.toString().endsWith(".java"))).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            for (Pattern pattern : List.of(variable, property)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    known.add(m.group(1));
                }
            }
        }
        return known;
    }
}
