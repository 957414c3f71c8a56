package health.flipside.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import health.flipside.support.DevEhr;

/** Trust on the running server: JWT on every CDS Hooks call, CORS for browser EHRs, TLS, rejection metrics. */
class SecurityIT {
    private static final String DISCOVERY = Flipside.BASE + "/cds-services";

    @Test
    void aCallWithoutTokenIsRefusedWithoutDetail() throws Exception {
        HttpResponse<String> response = Flipside.send(HttpRequest.newBuilder(URI.create(DISCOVERY)).GET(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aTokenForAnotherEndpointIsRefused() throws Exception {
        HttpResponse<String> response = Flipside.post(Flipside.SERVICE, "{}", DevEhr.token(DISCOVERY));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenIsAcceptedOnceOnly() throws Exception {
        String token = DevEhr.token(DISCOVERY);

        HttpResponse<String> first = Flipside.send(HttpRequest.newBuilder(URI.create(DISCOVERY)).GET(), token);
        HttpResponse<String> replay = Flipside.send(HttpRequest.newBuilder(URI.create(DISCOVERY)).GET(), token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(401);
    }

    @Test
    void rs384TokensAsEpicSendsThemAreAccepted() throws Exception {
        String token = DevEhr.rs384(DevEhr.defaultClaims(DISCOVERY).subject("epic-client-id")
                .notBeforeTime(java.util.Date.from(java.time.Instant.now().minusSeconds(300))).build());

        HttpResponse<String> response = Flipside.send(HttpRequest.newBuilder(URI.create(DISCOVERY)).GET(), token);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectionsAreCountedByReason() throws Exception {
        Flipside.send(HttpRequest.newBuilder(URI.create(DISCOVERY)).GET(), "not-a-jwt");

        HttpResponse<String> metrics = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/metrics?scope=application")).GET(), null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("flipside_jwt_rejections_total").contains("reason=\"malformed\"");
    }

    @Test
    void browserPreflightAllowsAuthorizationAndContentType() throws Exception {
        HttpResponse<String> response = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.SERVICE))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://sandbox.cds-hooks.org");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization").contains("content-type");
    }

    @Test
    void discoveryAnswersOverTls() throws Exception {
        String url = "https://localhost:" + System.getProperty("https.port", "9443") + "/cds-services";
        HttpClient client = HttpClient.newBuilder().sslContext(trustingTestCertificate()).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + DevEhr.token(url)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("patient-data-summary");
    }

    // ---- issue 10, point 1: the audience is the configured public URL, never what the request says

    private static final String PATH = "/cds-services/patient-data-summary";

    static String hookBody() {
        return health.flipside.examples.ExamplePatients.hookRequest(
                health.flipside.examples.ExamplePatients.named("vignette-4-no-devices"), java.time.Instant.now()).toString();
    }

    static RawHttp.Response postRaw(String extraHeaders, String audience) throws Exception {
        byte[] body = hookBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return RawHttp.send("POST " + PATH + " HTTP/1.1\r\n" + extraHeaders
                + "Authorization: Bearer " + DevEhr.token(audience) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length, body);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Host header                | Host: attacker.invalid\\r\\n                                          | http://attacker.invalid",
            "X-Forwarded-Proto          | Host: localhost:PORT\\r\\nX-Forwarded-Proto: https\\r\\n              | https://localhost:PORT",
            "X-Forwarded-Host           | Host: localhost:PORT\\r\\nX-Forwarded-Host: attacker.invalid\\r\\n    | http://attacker.invalid",
            "X-Forwarded-Host and Proto | Host: localhost:PORT\\r\\nX-Forwarded-Host: attacker.invalid\\r\\nX-Forwarded-Proto: https\\r\\n | https://attacker.invalid",
            "Forwarded                  | Host: localhost:PORT\\r\\nForwarded: host=attacker.invalid;proto=https\\r\\n | https://attacker.invalid"})
    void aTokenForTheUrlTheRequestClaimsIsRefused(String name, String headers, String base) throws Exception {
        String port = System.getProperty("http.port", "9080");
        RawHttp.Response response = postRaw(headers.replace("\\r\\n", "\r\n").replace("PORT", port).strip() + "\r\n",
                base.replace("PORT", port) + PATH);

        assertThat(response.status()).as(response.body()).isEqualTo(401);
    }

    @Test
    void theSameRawRequestWithATokenForTheConfiguredUrlIsServed() throws Exception {
        String port = System.getProperty("http.port", "9080");
        RawHttp.Response response = postRaw("Host: attacker.invalid\r\n", "http://localhost:" + port + PATH);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    // ---- issue 10, point 7: error pages and response headers

    @Test
    void anEncodedSlashGetsJsonWithoutAStackFrame() throws Exception {
        RawHttp.Response response = RawHttp.send("GET /admin%2frules HTTP/1.1\r\nHost: localhost", new byte[0]);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("com.ibm").doesNotContain("java.")
                .doesNotContain("RequestUtils").doesNotContain("<html");
        assertThat(response.headers().values()).noneMatch(v -> v.contains("Exception") || v.contains("com.ibm"));
    }

    @Test
    void notFoundAndMethodNotAllowedNameNeitherTheFrameworkNorTheHost() throws Exception {
        RawHttp.Response notFound = RawHttp.send("GET /no-such-thing HTTP/1.1\r\nHost: evil.example", new byte[0]);
        String discovery = Flipside.BASE + "/cds-services";
        HttpResponse<String> notAllowed = Flipside.send(HttpRequest.newBuilder(URI.create(discovery))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()), DevEhr.token(discovery));
        HttpResponse<String> unknownPath = Flipside.get(Flipside.BASE + "/cds-services/x/y/z");

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).doesNotContain("evil.example").doesNotContainIgnoringCase("resteasy")
                .doesNotContain("SRVE").doesNotContain("Exception");
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.body()).doesNotContainIgnoringCase("resteasy").contains("method-not-allowed");
        assertThat(notAllowed.headers().firstValue("Allow")).isPresent();
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).doesNotContainIgnoringCase("resteasy").doesNotContain("localhost");
    }

    @Test
    void cardsAreNotCachedAndNoAnswerIsSniffed() throws Exception {
        HttpResponse<String> cards = Flipside.post(Flipside.SERVICE, hookBody());
        HttpResponse<String> discovery = Flipside.get(DISCOVERY);
        HttpResponse<String> health = Flipside.send(HttpRequest.newBuilder(URI.create(Flipside.BASE + "/health")).GET(), null);

        assertThat(cards.statusCode()).isEqualTo(200);
        assertThat(cards.headers().firstValue("Cache-Control")).hasValue("no-store");
        for (HttpResponse<String> response : java.util.List.of(cards, discovery, health)) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
        }
    }

    /** The test server's certificate is Liberty's self-signed one; trusting it here is the test's business only. */
    private static SSLContext trustingTestCertificate() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
