package health.flipside.feedback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.examples.ExamplePatients;
import health.flipside.support.DevEhr;

/**
 * HTTP helpers for the feedback integration tests ({@code health.flipside.it.Feedback*IT}) against the server the
 * build starts: hook calls and feedback as the development EHR sends them (signed JWT), analytics with the admin
 * credential — the system property {@code flipside.admin.password} when set, else the password the server generated
 * in {@code <liberty.server.dir>/admin-password}.
 */
public final class FeedbackTestClient {
    public static final String BASE = "http://localhost:" + System.getProperty("http.port", "9080");
    public static final String SERVICE = BASE + "/cds-services/patient-data-summary";
    public static final String FEEDBACK = SERVICE + "/feedback";
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FeedbackTestClient() {
    }

    /** A card as the EHR saw it: its uuid and its suggestions' uuids. */
    public record IssuedToEhr(String uuid, String indicator, List<String> suggestions) {
    }

    /**
     * Calls the hook with a bundled example patient under a patient id of its own and returns the cards of the
     * answer: an override in one test (alert hygiene) must not take a card away from another.
     */
    public static List<IssuedToEhr> issueCards(String example) throws IOException, InterruptedException {
        return issueCards(example, "it-" + UUID.randomUUID()); // a FHIR id: at most 64 characters
    }

    /** As above, as the patient {@code patientId} (the example's id replaced everywhere it is referenced). */
    public static List<IssuedToEhr> issueCards(String example, String patientId) throws IOException, InterruptedException {
        ObjectNode hook = ExamplePatients.hookRequest(ExamplePatients.named(example), Instant.now());
        String original = hook.at("/context/patientId").asText();
        String request = hook.toString().replace("\"" + original + "\"", "\"" + patientId + "\"")
                .replace("\"Patient/" + original + "\"", "\"Patient/" + patientId + "\"");
        HttpResponse<String> response = post(SERVICE, request, true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("hook call answered " + response.statusCode() + ": " + response.body());
        }
        List<IssuedToEhr> cards = new ArrayList<>();
        for (JsonNode card : JSON.readTree(response.body()).get("cards")) {
            List<String> suggestions = new ArrayList<>();
            card.path("suggestions").forEach(s -> suggestions.add(s.get("uuid").asText()));
            cards.add(new IssuedToEhr(card.get("uuid").asText(), card.get("indicator").asText(), suggestions));
        }
        return cards;
    }

    public static HttpResponse<String> feedback(String body) throws IOException, InterruptedException {
        return post(FEEDBACK, body, true);
    }

    /** @param signed false sends no Authorization header */
    public static HttpResponse<String> post(String url, String body, boolean signed) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header("Authorization", "Bearer " + DevEhr.token(url));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        String credential = Base64.getEncoder().encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credential).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /admin/analytics, which must answer 200. */
    public static JsonNode analytics() throws IOException, InterruptedException {
        HttpResponse<String> response = admin("/admin/analytics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/admin/analytics answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The figures of one rule (or template), zeros when it has none yet. */
    public static Counts counts(JsonNode analytics, String section, String id) {
        for (JsonNode group : analytics.get(section)) {
            if (group.get("id").asText().equals(id)) {
                return new Counts(group.get("issued").asLong(), group.get("accepted").asLong(), group.get("overridden").asLong());
            }
        }
        return new Counts(0, 0, 0);
    }

    public record Counts(long issued, long accepted, long overridden) {
        public Counts minus(Counts before) {
            return new Counts(issued - before.issued, accepted - before.accepted, overridden - before.overridden);
        }
    }

    static String adminPassword() throws IOException {
        String configured = System.getProperty("flipside.admin.password");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = Path.of(System.getProperty("liberty.server.dir", "target/liberty/wlp/usr/servers/defaultServer"), "admin-password");
        return Files.readString(file).strip();
    }

    /** One feedback item as JSON. */
    public static String accepted(String card, String suggestion, Instant at) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\"" + suggestion
                + "\"}],\"outcomeTimestamp\":\"" + at + "\"}";
    }

    public static String overridden(String card, String code, String comment, Instant at) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"" + code
                + "\",\"system\":\"https://flipside.health/fhir/CodeSystem/override-reason\"},\"userComment\":"
                + JSON.valueToTree(comment) + "},\"outcomeTimestamp\":\"" + at + "\"}";
    }

    public static String body(String... items) {
        return "{\"feedback\":[" + String.join(",", items) + "]}";
    }
}
