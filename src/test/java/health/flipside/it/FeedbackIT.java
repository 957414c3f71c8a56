package health.flipside.it;

import static health.flipside.feedback.FeedbackTestClient.accepted;
import static health.flipside.feedback.FeedbackTestClient.body;
import static health.flipside.feedback.FeedbackTestClient.overridden;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import health.flipside.feedback.FeedbackTestClient;
import health.flipside.feedback.FeedbackTestClient.Counts;
import health.flipside.feedback.FeedbackTestClient.IssuedToEhr;
import health.flipside.support.CdsHooksSchemas;

/**
 * CDS Hooks feedback end to end: cards issued through the hook endpoint, feedback on their uuids, the figures in
 * /admin/analytics. Every refused request must leave the store as it was.
 */
class FeedbackIT {
    /** Vignette 1 gives one warning card from this rule and template, with two suggestions. */
    static final String EXAMPLE = "vignette-1-masked-uncontrolled";
    static final String RULE = "bp.treated.masked-uncontrolled";
    static final String TEMPLATE = "bp-masked-uncontrolled";

    static IssuedToEhr first;
    static IssuedToEhr second;

    @BeforeAll
    static void issueTwoCards() throws Exception {
        first = single(FeedbackTestClient.issueCards(EXAMPLE));
        second = single(FeedbackTestClient.issueCards(EXAMPLE));
        assertThat(first.suggestions()).hasSize(2);
    }

    static IssuedToEhr single(List<IssuedToEhr> cards) {
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    @Test
    void acceptedAndOverriddenFeedbackIsStoredOnceAndCounted() throws Exception {
        IssuedToEhr a = single(FeedbackTestClient.issueCards(EXAMPLE));
        IssuedToEhr b = single(FeedbackTestClient.issueCards(EXAMPLE));
        JsonNode before = FeedbackTestClient.analytics();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String request = body(accepted(a.uuid(), a.suggestions().get(0), at),
                overridden(b.uuid(), "data-not-trusted", "Old cuff; patient says readings are off", at.plusSeconds(3)));
        CdsHooksSchemas.assertValidFeedback(request);

        HttpResponse<String> response = FeedbackTestClient.feedback(request);
        HttpResponse<String> again = FeedbackTestClient.feedback(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FeedbackTestClient.JSON.readTree(response.body()))
                .isEqualTo(FeedbackTestClient.JSON.readTree("{\"received\":2,\"stored\":2,\"duplicates\":0}"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(FeedbackTestClient.JSON.readTree(again.body()))
                .isEqualTo(FeedbackTestClient.JSON.readTree("{\"received\":2,\"stored\":0,\"duplicates\":2}"));

        JsonNode after = FeedbackTestClient.analytics();
        assertThat(after.at("/totals/feedbackItems").asLong() - before.at("/totals/feedbackItems").asLong()).isEqualTo(2);
        assertThat(FeedbackTestClient.counts(after, "rules", RULE).minus(FeedbackTestClient.counts(before, "rules", RULE)))
                .isEqualTo(new Counts(0, 1, 1));
        assertThat(FeedbackTestClient.counts(after, "templates", TEMPLATE).minus(FeedbackTestClient.counts(before, "templates", TEMPLATE)))
                .isEqualTo(new Counts(0, 1, 1));
        JsonNode rule = group(after, "rules", RULE);
        assertThat(rule.get("issued").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(rule.get("weeks")).isNotEmpty();
        assertThat(rule.at("/weeks/0/week").asText()).matches("\\d{4}-W\\d{2}");
        assertThat(rule.get("overrideReasons").toString()).contains("data-not-trusted");
        assertThat(after.toString()).as("no free text in analytics").doesNotContain("Old cuff");
    }

    @Test
    void aCardOverriddenWithAReasonIsNotShownAgainForThatPatientAndTheAnalyticsSayWhy() throws Exception {
        String patient = "it-hygiene-" + UUID.randomUUID();
        IssuedToEhr card = single(FeedbackTestClient.issueCards(EXAMPLE, patient));
        JsonNode before = FeedbackTestClient.analytics();
        String override = body(overridden(card.uuid(), "patient-declined", "Discussed; will recheck at the next visit",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        CdsHooksSchemas.assertValidFeedback(override);

        HttpResponse<String> response = FeedbackTestClient.feedback(override);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FeedbackTestClient.issueCards(EXAMPLE, patient)).as("same patient, rule and data: not shown again").isEmpty();
        assertThat(FeedbackTestClient.issueCards(EXAMPLE)).as("another patient still gets the card").hasSize(1);
        JsonNode after = awaitSuppressedFindings(before, 1);
        JsonNode rule = suppression(after, RULE);
        assertThat(rule.get("days").asInt()).isEqualTo(30);
        assertThat(rule.get("overrides").asLong() - suppression(before, RULE).path("overrides").asLong()).isEqualTo(1);
        assertThat(rule.get("activePatients").asLong() - suppression(before, RULE).path("activePatients").asLong()).isEqualTo(1);
        HttpResponse<String> page = FeedbackTestClient.admin("/admin/analytics.html");
        assertThat(page.body()).contains("Alert hygiene", RULE);
        assertThat(after.toString() + page.body()).as("no patient id, no comment in analytics")
                .doesNotContain(patient, "will recheck");
    }

    /**
     * Alert hygiene under load: every hook call reads the patient's earlier feedback on a helper thread and waits for it
     * at most 300 ms. When that read waited for one of the server's own threads, which the calls themselves held, a
     * busy server skipped it and showed the card again (HelperThreads).
     */
    @Test
    void aCardDealtWithStaysHiddenWhileManyChartsOpenAtOnce() throws Exception {
        String patient = "it-busy-" + UUID.randomUUID();
        IssuedToEhr card = single(FeedbackTestClient.issueCards(EXAMPLE, patient));
        HttpResponse<String> response = FeedbackTestClient.feedback(body(overridden(card.uuid(), "patient-declined",
                "Discussed at the visit", Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        int calls = 24;
        int rounds = 3;
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            int shownAgain = 0;
            for (int round = 0; round < rounds; round++) {
                CountDownLatch ready = new CountDownLatch(calls);
                List<Future<List<IssuedToEhr>>> answers = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    answers.add(callers.submit(() -> {
                        ready.countDown();
                        ready.await();
                        return FeedbackTestClient.issueCards(EXAMPLE, patient);
                    }));
                }
                for (Future<List<IssuedToEhr>> answer : answers) {
                    shownAgain += answer.get(60, TimeUnit.SECONDS).size();
                }
            }
            // Before HelperThreads (one round of 24): the card came back in 4 of 24 answers in one of two runs.
            assertThat(shownAgain).as("cards shown again among " + rounds + " rounds of " + calls + " calls at once").isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    /** Suppressed findings are counted in the background: wait (bounded) until the count moved by {@code by}. */
    static JsonNode awaitSuppressedFindings(JsonNode before, long by) throws Exception {
        long start = suppression(before, RULE).path("suppressedFindings").asLong();
        JsonNode now = FeedbackTestClient.analytics();
        for (int i = 0; i < 50 && suppression(now, RULE).path("suppressedFindings").asLong() - start < by; i++) {
            Thread.sleep(100);
            now = FeedbackTestClient.analytics();
        }
        assertThat(suppression(now, RULE).path("suppressedFindings").asLong() - start).isEqualTo(by);
        return now;
    }

    static JsonNode suppression(JsonNode analytics, String rule) {
        for (JsonNode s : analytics.get("suppressions")) {
            if (s.get("ruleId").asText().equals(rule)) {
                return s;
            }
        }
        return FeedbackTestClient.JSON.createObjectNode();
    }

    @Test
    void issuedCardsAreCountedPerRuleAndTemplate() throws Exception {
        JsonNode before = FeedbackTestClient.analytics();
        FeedbackTestClient.issueCards(EXAMPLE);
        JsonNode after = FeedbackTestClient.analytics();

        assertThat(FeedbackTestClient.counts(after, "rules", RULE).minus(FeedbackTestClient.counts(before, "rules", RULE)))
                .isEqualTo(new Counts(1, 0, 0));
        assertThat(FeedbackTestClient.counts(after, "templates", TEMPLATE).minus(FeedbackTestClient.counts(before, "templates", TEMPLATE)))
                .isEqualTo(new Counts(1, 0, 0));
        assertThat(after.at("/totals/issued").asLong() - before.at("/totals/issued").asLong()).isEqualTo(1);
    }

    @Test
    void eachInvalidBodyIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String valid = accepted(first.uuid(), first.suggestions().get(1), at);
        String unknownCard = UUID.randomUUID().toString();
        record Bad(String name, String body, String field) {
        }
        List<Bad> bad = List.of(
                new Bad("outcome not accepted|overridden", body(valid.replace("\"accepted\"", "\"dismissed\"")), "feedback[0].outcome"),
                new Bad("accepted without acceptedSuggestions",
                        body(valid, "{\"card\":\"" + second.uuid() + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"" + at + "\"}"),
                        "feedback[1].acceptedSuggestions"),
                new Bad("overrideReason with neither reason nor userComment",
                        body(valid, "{\"card\":\"" + second.uuid() + "\",\"outcome\":\"overridden\",\"overrideReason\":{},"
                                + "\"outcomeTimestamp\":\"" + at + "\"}"), "feedback[1].overrideReason"),
                new Bad("outcomeTimestamp not RFC 3339", body(valid.replace(at.toString(), "20.11.2026 10:05")), "feedback[0].outcomeTimestamp"),
                new Bad("unknown card", body(valid, overridden(unknownCard, "not-relevant", "x", at)), "feedback[1].card"),
                new Bad("suggestion of another card",
                        body(valid, accepted(second.uuid(), first.suggestions().get(0), at)), "feedback[1].acceptedSuggestions[0].id"),
                new Bad("not JSON", "{\"feedback\":[" + valid, "$"));
        JsonNode before = FeedbackTestClient.analytics();

        for (Bad b : bad) {
            HttpResponse<String> response = FeedbackTestClient.feedback(b.body());

            assertThat(response.statusCode()).as(b.name() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode error = FeedbackTestClient.JSON.readTree(response.body());
            assertThat(error.get("error").asText()).as(b.name()).isEqualTo("invalid-request");
            assertThat(error.get("field").asText()).as(b.name()).isEqualTo(b.field());
            assertThat(error.get("message").asText()).as(b.name()).isNotBlank();
        }

        JsonNode after = FeedbackTestClient.analytics();
        assertThat(after.get("totals")).as("nothing stored by refused requests").isEqualTo(before.get("totals"));
        // and the valid item that rode along in the refused batches was not stored either: now it is new
        HttpResponse<String> alone = FeedbackTestClient.feedback(body(valid));
        assertThat(alone.statusCode()).isEqualTo(200);
        assertThat(FeedbackTestClient.JSON.readTree(alone.body()).get("stored").asInt()).isEqualTo(1);
    }

    @Test
    void feedbackForAServiceThatIsNotHostedIs404() throws Exception {
        String url = FeedbackTestClient.BASE + "/cds-services/no-such-service/feedback";
        HttpResponse<String> response = FeedbackTestClient.post(url,
                body(accepted(first.uuid(), first.suggestions().get(0), Instant.now())), true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(FeedbackTestClient.JSON.readTree(response.body()).get("message").asText()).contains("no-such-service");
    }

    @Test
    void feedbackNeedsTheEhrsSignedToken() throws Exception {
        HttpResponse<String> response = FeedbackTestClient.post(FeedbackTestClient.FEEDBACK,
                body(accepted(first.uuid(), first.suggestions().get(0), Instant.now())), false);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void theHookEndpointBesideTheFeedbackEndpointStillAnswers() throws Exception {
        assertThat(FeedbackTestClient.issueCards(EXAMPLE)).hasSize(1);
    }

    @Test
    void analyticsArePublishedAsAPageWithoutExternalAssets() throws Exception {
        HttpResponse<String> page = FeedbackTestClient.admin("/admin/analytics.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<table>", RULE, TEMPLATE)
                .doesNotContain("<script", "<link", "src=");
    }

    @Test
    void analyticsNeedTheAdminCredential() throws Exception {
        HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(FeedbackTestClient.BASE + "/admin/analytics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    static JsonNode group(JsonNode analytics, String section, String id) {
        for (JsonNode group : analytics.get(section)) {
            if (group.get("id").asText().equals(id)) {
                return group;
            }
        }
        throw new AssertionError("no " + section + " entry " + id + " in " + analytics);
    }
}
