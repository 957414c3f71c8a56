package health.flipside.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin side of the running server (HTTP Basic, user "admin"): the password is the system property
 * {@code flipside.admin.password} when set, else the one the server generated in {@code <liberty.server.dir>/admin-password}.
 */
final class Admin {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Admin() {
    }

    static String password() throws IOException {
        String configured = System.getProperty("flipside.admin.password");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = Path.of(System.getProperty("liberty.server.dir", "target/liberty/wlp/usr/servers/defaultServer"), "admin-password");
        return Files.readString(file).strip();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(Flipside.BASE + path)).GET());
    }

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(Flipside.BASE + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Flipside.JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String credential = Base64.getEncoder().encodeToString(("admin:" + password()).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(request.header("Authorization", "Basic " + credential).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
