package health.flipside.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import health.flipside.support.DevEhr;

/** The running Flipside server started by liberty-maven-plugin for the integration tests. */
final class Flipside {
    static final String BASE = "http://localhost:" + System.getProperty("http.port", "9080");
    static final String SERVICE = BASE + "/cds-services/patient-data-summary";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Flipside() {
    }

    /** A GET as the development EHR sends it: with a fresh signed JWT for this exact URL. */
    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), DevEhr.token(url));
    }

    static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return post(url, body, DevEhr.token(url));
    }

    /** @param token the bearer token to send, or null for none */
    static HttpResponse<String> post(String url, String body, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
