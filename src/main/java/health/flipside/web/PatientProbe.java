package health.flipside.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the patient once before the series are fetched, so that an expired token or an unknown patient is said in
 * words ("launch again from the chart") rather than as a view with every series missing.
 */
final class PatientProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private PatientProbe() {
    }

    static void check(String base, String patientId, String token, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/Patient/" + patientId))
                .timeout(timeout)
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .GET().build();
        int status;
        try {
            status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new TrendProblem(502, "fhir-unreachable", "The FHIR server could not be reached. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrendProblem(503, "interrupted", "The view was interrupted. Try again.");
        }
        if (status == 401 || status == 403) {
            throw new TrendProblem(401, "token-refused", "The FHIR server did not accept the access token: it has "
                    + "expired or was revoked. Open the view again from the patient's chart.");
        }
        if (status == 404 || status == 410) {
            throw new TrendProblem(404, "no-patient", "The FHIR server has no patient with this id.");
        }
        if (status != 200) {
            throw new TrendProblem(502, "fhir-error", "The FHIR server answered HTTP " + status + " when the patient was read.");
        }
    }
}
