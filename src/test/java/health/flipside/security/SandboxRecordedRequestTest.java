package health.flipside.security;

import health.flipside.content.ContentGate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import health.flipside.cards.Card;
import health.flipside.examples.ExamplePatients;
import health.flipside.fhir.FhirR4;
import health.flipside.fhir.HapiFhirFetcher;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.fhir.ResolvedData;
import health.flipside.hooks.HookRequestParser;
import health.flipside.services.HookCall;
import health.flipside.services.LoadedContent;
import health.flipside.services.PatientDataSummary;
import health.flipside.services.ServiceDescriptor;

/**
 * A call of the CDS Hooks sandbox's shape (src/test/resources/sandbox/patient-view-request.json), step by step as
 * the running server handles it: the browser's CORS preflight is admitted by liberty-config/server.xml, the ES384 JWT
 * with a jku is verified against a registered sandbox client, the body without prefetch and without
 * fhirAuthorization parses, and the answer comes from the open fhirServer, asked without any Authorization header.
 */
class SandboxRecordedRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceDescriptor SERVICE = PatientDataSummary.descriptor();
    private static final String AUDIENCE = "http://localhost:9080/cds-services/" + SERVICE.id();
    private static final String EXAMPLE = "vignette-1-masked-uncontrolled";

    private final JsonNode recorded = read("sandbox/patient-view-request.json");
    private final List<String> fhirAuthorizations = new CopyOnWriteArrayList<>();
    private ECKey sandboxKey;
    private JwksServer jwks;
    private HttpServer fhir;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        sandboxKey = new ECKeyGenerator(Curve.P_384).keyID(recorded.at("/post/jwtHeader/kid").asText())
                .keyUse(KeyUse.SIGNATURE).generate();
        jwks = new JwksServer(new JWKSet(sandboxKey));
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stop() {
        jwks.close();
        if (fhir != null) {
            fhir.stop(0);
        }
        pool.shutdownNow();
    }

    @Test
    void theBrowsersPreflightIsAdmittedByTheShippedCorsConfiguration() throws Exception {
        Element cors = cdsServicesCors();
        JsonNode preflight = recorded.at("/preflight/headers");

        assertThat(csv(defaultOf("flipside.cors.origins"))).contains(preflight.get("Origin").asText());
        assertThat(csv(cors.getAttribute("allowedMethods")))
                .contains(preflight.get("Access-Control-Request-Method").asText(), "OPTIONS");
        assertThat(headerNames(cors.getAttribute("allowedHeaders")))
                .containsAll(headerNames(preflight.get("Access-Control-Request-Headers").asText()));
        assertThat(cors.getAttribute("allowedOrigins")).isEqualTo("${flipside.cors.origins}");
        // The POST's own headers beyond the CORS-safelisted ones must be allowed too.
        List<String> sent = recorded.at("/post/headers").properties().stream().map(Map.Entry::getKey)
                .map(h -> h.toLowerCase(Locale.ROOT)).filter(h -> !Set.of("origin", "accept").contains(h)).toList();
        assertThat(headerNames(cors.getAttribute("allowedHeaders"))).containsAll(sent).contains("authorization");
    }

    @Test
    void theSandboxTokenWithItsJkuIsVerifiedOnceThatJkuIsRegistered() throws Exception {
        JwtVerifier verifier = verifierTrusting(List.of(jwks.url()));

        VerifiedCaller caller = verifier.verify("Bearer " + token(jwks.url()), AUDIENCE);

        assertThat(caller.issuer()).isEqualTo("https://sandbox.cds-hooks.org");
    }

    @Test
    void theSandboxsPublishedJkuIsRefusedUntilTheHospitalRegistersIt() throws Exception {
        JwtVerifier verifier = verifierTrusting(List.of(jwks.url()));
        URI published = URI.create(recorded.at("/post/jwtHeader/jku").asText());

        assertThatThrownBy(() -> verifier.verify("Bearer " + token(published), AUDIENCE))
                .isInstanceOfSatisfying(JwtRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.JKU_NOT_ALLOWED));
    }

    @Test
    void theBodyWithoutPrefetchIsAnsweredFromTheOpenFhirServerWithoutAnyToken() throws Exception {
        JsonNode example = ExamplePatients.hookRequest(ExamplePatients.named(EXAMPLE), Instant.now());
        String fhirBase = serveOverFhir(example.get("prefetch"));
        String body = recorded.at("/post/body").toString()
                .replace("{{fhirServer}}", fhirBase)
                .replace("{{patientId}}", example.at("/context/patientId").asText());

        HookCall call = new HookRequestParser(JSON).parse(body, SERVICE);
        assertThat(call.prefetch()).isEmpty();
        assertThat(call.access().serverBase()).isEqualTo(fhirBase);
        assertThat(call.access().accessToken()).isNull();

        LoadedContent content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
        Instant now = Instant.now();
        ResolvedData data = new PrefetchResolver(new HapiFhirFetcher(FhirR4.context(), 1500, 5000, Duration.ofMillis(1800)),
                pool, Duration.ofSeconds(10)).resolve(SERVICE.prefetch(), call.prefetch(), call.streamed(), call.access(),
                call.prefetchTokens(), now.minus(Duration.ofDays(400)));
        List<Card> cards = content.pipeline().run(data, now).cards();

        assertThat(data.unavailable()).isEmpty();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).summary()).contains("138/86", "52 readings");
        assertThat(fhirAuthorizations).isNotEmpty().allSatisfy(header -> assertThat(header).isNull());
    }

    private String token(URI jku) throws Exception {
        JsonNode header = recorded.at("/post/jwtHeader");
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(recorded.at("/post/jwtClaims/iss").asText())
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(recorded.at("/post/jwtClaims/lifetimeSeconds").asLong())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(header.get("alg").asText()))
                .type(new JOSEObjectType(header.get("typ").asText()))
                .keyID(header.get("kid").asText())
                .jwkURL(jku)
                .build(), claims);
        jwt.sign(new ECDSASigner(sandboxKey));
        return jwt.serialize();
    }

    private static JwtVerifier verifierTrusting(List<URI> allowedJku) {
        return new JwtVerifier(new TrustedClients(List.of(new TrustedClient("CDS Hooks sandbox (local trial)",
                "https://sandbox.cds-hooks.org", null, null, allowedJku, null, Set.of("ES384")))),
                JwtVerifier.Settings.defaults(), Clock.systemUTC());
    }

    /**
     * An open FHIR server on loopback holding the example patient: each search is answered with the Bundle of the
     * prefetch key whose template it runs (resource type and category), a read by id with that resource.
     */
    private String serveOverFhir(JsonNode prefetch) throws IOException {
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir", exchange -> {
            fhirAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath().substring("/fhir/".length());
            String query = exchange.getRequestURI().getRawQuery();
            JsonNode answer = answer(prefetch, path, query == null ? Map.of() : params(query));
            byte[] bytes = (answer == null ? "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"not-found\"}]}"
                    : answer.toString()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fhir.start();
        return "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir";
    }

    private static JsonNode answer(JsonNode prefetch, String path, Map<String, String> params) {
        if (path.contains("/")) {
            String type = path.substring(0, path.indexOf('/'));
            String id = path.substring(path.indexOf('/') + 1);
            for (JsonNode value : prefetch) {
                if (value.path("resourceType").asText().equals(type) && value.path("id").asText().equals(id)) {
                    return value;
                }
                for (JsonNode entry : value.path("entry")) {
                    JsonNode resource = entry.get("resource");
                    if (resource.path("resourceType").asText().equals(type) && resource.path("id").asText().equals(id)) {
                        return resource;
                    }
                }
            }
            return null;
        }
        return SERVICE.prefetch().stream()
                .filter(q -> q.template().startsWith(path + "?"))
                .filter(q -> !params.containsKey("category") || q.template().contains("category=" + params.get("category")))
                .findFirst()
                .map(q -> prefetch.get(q.key()))
                .orElse(null);
    }

    private static Map<String, String> params(String query) {
        return Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                        (a, b) -> a));
    }

    private static Element cdsServicesCors() throws Exception {
        NodeList list = serverXml().getElementsByTagName("cors");
        for (int i = 0; i < list.getLength(); i++) {
            Element cors = (Element) list.item(i);
            if (cors.getAttribute("domain").equals("/cds-services")) {
                return cors;
            }
        }
        throw new AssertionError("liberty-config/server.xml has no <cors domain=\"/cds-services\">");
    }

    private static String defaultOf(String variable) throws Exception {
        NodeList list = serverXml().getElementsByTagName("variable");
        for (int i = 0; i < list.getLength(); i++) {
            Element element = (Element) list.item(i);
            if (element.getAttribute("name").equals(variable)) {
                return element.getAttribute("defaultValue");
            }
        }
        throw new AssertionError("liberty-config/server.xml declares no variable " + variable);
    }

    private static Document serverXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(Path.of("liberty-config", "server.xml").toFile());
    }

    private static List<String> csv(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Header names compare case-insensitively (RFC 9110). */
    private static List<String> headerNames(String value) {
        return csv(value).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static JsonNode read(String resource) {
        try (var in = SandboxRecordedRequestTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
