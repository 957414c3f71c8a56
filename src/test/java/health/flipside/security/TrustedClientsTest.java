package health.flipside.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;

import health.flipside.support.DevEhr;

/** The hospital's list of trusted EHRs (YAML): secure by default, asymmetric algorithms only, no ambiguity. */
class TrustedClientsTest {
    static final Path DEV_KEYS = Path.of(System.getProperty("dev.keys.dir", "dev/keys"));
    static final String AUD = "https://flipside.example.org/cds-services/flipside-home-bp";

    @TempDir
    Path dir;

    Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void loadsClientsAndResolvesARelativeJwksFileAgainstTheFilesFolder() throws Exception {
        Path file = write("config/trusted-clients.yaml", """
                clients:
                  - name: "Flipside development EHR"
                    issuer: "https://ehr.dev.flipside.local"
                    jwksFile: "keys/ehr-dev.jwks.json"
                    algorithms: [ES384, RS384]
                  - name: "General Hospital Epic production"
                    issuer: "https://fhir.general-hospital.example/api/FHIR/R4"
                    jwksUrl: "https://fhir.general-hospital.example/jwks.json"
                    allowedJku: ["https://fhir.general-hospital.example/jwks.json", "https://keys.general-hospital.example/set"]
                    tenant: "general-hospital"
                """);
        TrustedClients clients = TrustedClients.load(file);

        assertThat(clients.size()).isEqualTo(2);
        TrustedClient dev = clients.byIssuer("https://ehr.dev.flipside.local").orElseThrow();
        assertThat(dev.name()).isEqualTo("Flipside development EHR");
        assertThat(dev.jwksFile()).isEqualTo(dir.resolve("config/keys/ehr-dev.jwks.json").toAbsolutePath());
        assertThat(dev.jwksUrl()).isNull();
        assertThat(dev.allowedJku()).isEmpty();
        assertThat(dev.tenant()).isNull();
        assertThat(dev.algorithms()).containsExactlyInAnyOrder("ES384", "RS384");

        TrustedClient epic = clients.byIssuer("https://fhir.general-hospital.example/api/FHIR/R4").orElseThrow();
        assertThat(epic.jwksUrl()).isEqualTo(URI.create("https://fhir.general-hospital.example/jwks.json"));
        assertThat(epic.jwksFile()).isNull();
        assertThat(epic.allowedJku()).containsExactly(URI.create("https://fhir.general-hospital.example/jwks.json"),
                URI.create("https://keys.general-hospital.example/set"));
        assertThat(epic.tenant()).isEqualTo("general-hospital");
        assertThat(epic.algorithms()).as("default algorithms").containsExactlyInAnyOrder("ES384", "RS384");

        assertThat(clients.byIssuer("https://ehr.dev.flipside.local/")).as("issuers match exactly").isEmpty();
    }

    @Test
    void aLoadedFileWithARelativeJwksFileVerifiesRealTokens() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.copy(DEV_KEYS.resolve("ehr-dev.jwks.json"), dir.resolve("keys/ehr-dev.jwks.json"));
        Path file = write("trusted-clients.yaml", """
                clients:
                  - name: "dev"
                    issuer: "https://ehr.dev.flipside.local"
                    jwksFile: "keys/ehr-dev.jwks.json"
                """);
        Instant now = Instant.parse("2026-03-02T09:30:00Z");
        JwtVerifier verifier = new JwtVerifier(TrustedClients.load(file), JwtVerifier.Settings.defaults(),
                Clock.fixed(now, ZoneOffset.UTC));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(DevEhr.ISSUER).audience(AUD).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString()).build();

        assertThat(verifier.verify("Bearer " + DevEhr.rs384(claims), AUD).issuer()).isEqualTo(DevEhr.ISSUER);
    }

    @Test
    void aMissingFileTrustsNobody() throws Exception {
        TrustedClients clients = TrustedClients.load(dir.resolve("no-such-file.yaml"));
        assertThat(clients.size()).isZero();
        assertThat(clients.byIssuer(DevEhr.ISSUER)).isEmpty();

        JwtVerifier verifier = new JwtVerifier(clients, JwtVerifier.Settings.defaults(), Clock.systemUTC());
        assertThatThrownBy(() -> verifier.verify("Bearer " + DevEhr.token(AUD), AUD))
                .isInstanceOfSatisfying(JwtRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_ISSUER));
    }

    @Test
    void anEmptyClientListTrustsNobody() throws Exception {
        assertThat(TrustedClients.load(write("none.yaml", "clients: []\n")).size()).isZero();
        assertThat(TrustedClients.load(write("null.yaml", "# nobody yet\nclients:\n")).size()).isZero();
        assertThat(TrustedClients.load(write("doc.yaml", "---\n")).size()).isZero();
    }

    @Test
    void anEmptyOrCommentOnlyFileTrustsNobody() throws Exception {
        assertThat(TrustedClients.load(write("empty.yaml", "")).size()).isZero();
        assertThat(TrustedClients.load(write("comments.yaml", "# nobody yet\n")).size()).isZero();
    }

    @Test
    void theShippedTemplateTrustsNobodyAndTheDevFileTrustsTheDevEhr() {
        assertThat(TrustedClients.load(Path.of("liberty-config/trusted-clients.yaml")).size()).isZero();
        TrustedClients dev = TrustedClients.load(Path.of("dev/trusted-clients.yaml"));
        assertThat(dev.byIssuer(DevEhr.ISSUER).orElseThrow().jwksFile())
                .isEqualTo(Path.of("dev/keys/ehr-dev.jwks.json").toAbsolutePath());
    }

    @Test
    void refusesHmacNamingTheAlgorithm() throws Exception {
        Path file = write("hmac.yaml", """
                clients:
                  - issuer: "https://ehr.example"
                    jwksUrl: "https://ehr.example/jwks.json"
                    algorithms: [RS384, HS256]
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HS256").hasMessageContaining("https://ehr.example");
    }

    @Test
    void refusesAlgNone() throws Exception {
        Path file = write("none.yaml", """
                clients:
                  - issuer: "https://ehr.example"
                    jwksUrl: "https://ehr.example/jwks.json"
                    algorithms: [none]
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'none'");
    }

    @Test
    void refusesADuplicateIssuer() throws Exception {
        Path file = write("twice.yaml", """
                clients:
                  - name: "a"
                    issuer: "https://ehr.example"
                    jwksUrl: "https://ehr.example/jwks.json"
                  - name: "b"
                    issuer: "https://ehr.example"
                    jwksUrl: "https://ehr.example/other.json"
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https://ehr.example").hasMessageContaining("twice");
    }

    @Test
    void refusesAClientWithoutAnyKeySource() throws Exception {
        Path file = write("keyless.yaml", """
                clients:
                  - name: "keyless"
                    issuer: "https://ehr.example"
                    tenant: "t"
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https://ehr.example").hasMessageContaining("jwksUrl")
                .hasMessageContaining("jwksFile").hasMessageContaining("allowedJku");
    }

    @Test
    void refusesAClientWithoutAnIssuer() throws Exception {
        Path file = write("anonymous.yaml", """
                clients:
                  - name: "anonymous"
                    jwksUrl: "https://ehr.example/jwks.json"
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void refusesAnUnknownPropertyRatherThanIgnoringIt() throws Exception {
        // A misspelt "tenant" must not silently drop the tenant check.
        Path file = write("typo.yaml", """
                clients:
                  - issuer: "https://ehr.example"
                    jwksUrl: "https://ehr.example/jwks.json"
                    tennant: "general-hospital"
                """);
        assertThatThrownBy(() -> TrustedClients.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tennant");
    }

    @Test
    void theConstructorAppliesTheSameRules() {
        assertThatThrownBy(() -> new TrustedClients(List.of(new TrustedClient("x", "https://ehr.example",
                URI.create("https://ehr.example/jwks.json"), null, null, null, Set.of("HS512")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HS512");
        TrustedClient defaults = new TrustedClient("x", "https://ehr.example", null, null,
                List.of(URI.create("https://ehr.example/jwks.json")), null, Set.of());
        assertThat(defaults.algorithms()).containsExactlyInAnyOrder("ES384", "RS384");
        assertThat(new TrustedClients(List.of(defaults)).size()).isEqualTo(1);
    }
}
