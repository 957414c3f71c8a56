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
