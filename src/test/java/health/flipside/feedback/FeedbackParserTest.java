package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import health.flipside.support.InvalidRequestException;
import health.flipside.support.CdsHooksSchemas;

class FeedbackParserTest {
    static final String CARD = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
    static final String SUGGESTION = "7f2b3a9e-6f43-4c86-9a8a-2f5b7d0e1c11";
    static final String ACCEPTED = "{\"card\":\"" + CARD + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\""
            + SUGGESTION + "\"}],\"outcomeTimestamp\":\"2026-11-20T10:05:31Z\"}";
    static final String OVERRIDDEN = "{\"card\":\"" + CARD + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{"
            + "\"code\":\"data-not-trusted\",\"system\":\"https://flipside.health/fhir/CodeSystem/override-reason\","
            + "\"display\":\"Do not trust this data\"},\"userComment\":\"Cuff is the patient's old one\"},"
            + "\"outcomeTimestamp\":\"2026-11-20T10:06:00.250+00:00\"}";

    private final FeedbackParser parser = new FeedbackParser();

    static String body(String... items) {
        return "{\"feedback\":[" + String.join(",", items) + "]}";
    }

    @Test
    void readsAcceptedAndOverriddenItems() {
        List<FeedbackItem> items = parser.parse(body(ACCEPTED, OVERRIDDEN));

        assertThat(items).hasSize(2);
        FeedbackItem accepted = items.get(0);
        assertThat(accepted.index()).isZero();
        assertThat(accepted.cardUuid()).isEqualTo(CARD);
        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(accepted.acceptedSuggestions()).containsExactly(SUGGESTION);
        assertThat(accepted.overrideReason()).isNull();
        assertThat(accepted.outcomeTimestamp()).isEqualTo(Instant.parse("2026-11-20T10:05:31Z"));
        FeedbackItem overridden = items.get(1);
        assertThat(overridden.path()).isEqualTo("feedback[1]");
        assertThat(overridden.outcome()).isEqualTo(Outcome.OVERRIDDEN);
        assertThat(overridden.acceptedSuggestions()).isEmpty();
        assertThat(overridden.overrideReason()).isEqualTo(new FeedbackItem.OverrideReason(
                "https://flipside.health/fhir/CodeSystem/override-reason", "data-not-trusted", "Do not trust this data",
                "Cuff is the patient's old one"));
        assertThat(overridden.outcomeTimestamp()).isEqualTo(Instant.parse("2026-11-20T10:06:00.250Z"));
    }

    @Test
    void acceptsTheSpecsOptionalFormsAndNormalisesIds() {
        String upperCaseIds = ACCEPTED.replace(CARD, CARD.toUpperCase()).replace(SUGGESTION, SUGGESTION.toUpperCase())
                .replace("2026-11-20T10:05:31Z", "2026-11-20t10:05:31.5z");
        String commentOnly = "{\"card\":\"" + CARD + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"userComment\":\"no\"},"
                + "\"outcomeTimestamp\":\"2026-11-20T10:05:31+00:00\",\"extension\":{\"com.example.ehr\":{\"where\":\"inbox\"}}}";
        String reasonWithoutDisplay = OVERRIDDEN.replace(",\"display\":\"Do not trust this data\"", "")
                .replace(",\"userComment\":\"Cuff is the patient's old one\"", "");
        String withExtension = "{\"feedback\":[" + ACCEPTED + "],\"extension\":{\"com.example\":true}}";

        List<FeedbackItem> items = parser.parse(body(upperCaseIds, commentOnly, reasonWithoutDisplay));

        assertThat(items.get(0).cardUuid()).isEqualTo(CARD);
        assertThat(items.get(0).acceptedSuggestions()).containsExactly(SUGGESTION);
        assertThat(items.get(0).outcomeTimestamp()).isEqualTo(Instant.parse("2026-11-20T10:05:31.500Z"));
        assertThat(items.get(1).overrideReason()).isEqualTo(new FeedbackItem.OverrideReason(null, null, null, "no"));
        assertThat(items.get(2).overrideReason().display()).isNull();
        assertThat(parser.parse(withExtension)).hasSize(1);
        // RFC 3339 §4.3: -00:00 is UTC with the local offset unknown (the schema validator's format check disagrees)
        assertThat(parser.parse(body(ACCEPTED.replace("10:05:31Z", "10:05:31-00:00"))).get(0).outcomeTimestamp())
                .isEqualTo(Instant.parse("2026-11-20T10:05:31Z"));
        for (String valid : List.of(body(upperCaseIds, commentOnly, reasonWithoutDisplay), withExtension)) {
            assertThat(CdsHooksSchemas.violations(CdsHooksSchemas.Document.FEEDBACK_REQUEST, valid)).as(valid).isEmpty();
        }
    }

    @Test
    void theSameInstantWrittenTwoWaysIsOneDedupeKey() {
        FeedbackItem a = parser.parse(body(ACCEPTED)).get(0);
        FeedbackItem b = parser.parse(body(ACCEPTED.replace("2026-11-20T10:05:31Z", "2026-11-20T10:05:31.000+00:00"))).get(0);
        FeedbackItem c = parser.parse(body(ACCEPTED.replace("2026-11-20T10:05:31Z", "2026-11-20T10:05:32Z"))).get(0);

        assertThat(a.dedupeKey()).isEqualTo(b.dedupeKey()).hasSize(64);
        assertThat(a.dedupeKey()).isNotEqualTo(c.dedupeKey());
    }

    @Test
    void theUserCommentNeverAppearsInToString() {
        FeedbackItem item = parser.parse(body(OVERRIDDEN)).get(0);

        assertThat(item.toString()).doesNotContain("Cuff is the patient's old one").contains("<redacted>");
    }

    static Stream<Arguments> badBodies() {
        String sixtyOneSeconds = ACCEPTED.replace("10:05:31Z", "10:05:61Z");
        return Stream.of(
                Arguments.of("not JSON", "{\"feedback\": [", "$"),
                Arguments.of("empty body", "", "$"),
                Arguments.of("an array", "[" + ACCEPTED + "]", "$"),
                Arguments.of("a duplicated key", "{\"feedback\":[" + ACCEPTED + "],\"feedback\":[]}", "$"),
                Arguments.of("no feedback", "{}", "feedback"),
                Arguments.of("feedback not an array", "{\"feedback\":" + ACCEPTED + "}", "feedback"),
                Arguments.of("feedback empty", "{\"feedback\":[]}", "feedback"),
                Arguments.of("an unknown top-level attribute", "{\"feedback\":[" + ACCEPTED + "],\"cards\":[]}", "cards"),
                Arguments.of("an item not an object", body("\"" + CARD + "\""), "feedback[0]"),
                Arguments.of("no card", body(ACCEPTED.replace("\"card\":\"" + CARD + "\",", "")), "feedback[0].card"),
                Arguments.of("card not a UUID", body(OVERRIDDEN, ACCEPTED.replace(CARD, "card-1")), "feedback[1].card"),
                Arguments.of("card an object", body(ACCEPTED.replace("\"" + CARD + "\"", "{\"uuid\":\"" + CARD + "\"}")), "feedback[0].card"),
                Arguments.of("no outcome", body(ACCEPTED.replace("\"outcome\":\"accepted\",", "")), "feedback[0].outcome"),
                Arguments.of("outcome not in the value set", body(ACCEPTED.replace("\"accepted\"", "\"ignored\"")), "feedback[0].outcome"),
                Arguments.of("outcome upper case", body(ACCEPTED.replace("\"accepted\"", "\"ACCEPTED\"")), "feedback[0].outcome"),
                Arguments.of("accepted without acceptedSuggestions",
                        body(ACCEPTED.replace("\"acceptedSuggestions\":[{\"id\":\"" + SUGGESTION + "\"}],", "")), "feedback[0].acceptedSuggestions"),
                Arguments.of("accepted with empty acceptedSuggestions",
                        body(ACCEPTED.replace("[{\"id\":\"" + SUGGESTION + "\"}]", "[]")), "feedback[0].acceptedSuggestions"),
                Arguments.of("a suggestion without id",
                        body(ACCEPTED.replace("{\"id\":\"" + SUGGESTION + "\"}", "{\"uuid\":\"" + SUGGESTION + "\"}")),
                        "feedback[0].acceptedSuggestions[0].uuid"),
                Arguments.of("a suggestion id not a UUID",
                        body(ACCEPTED.replace("[{\"id\":\"" + SUGGESTION + "\"}]", "[{\"id\":\"" + SUGGESTION + "\"},{\"id\":\"s2\"}]")),
                        "feedback[0].acceptedSuggestions[1].id"),
                Arguments.of("overrideReason empty",
                        body(OVERRIDDEN.replaceAll("\"overrideReason\":\\{.*\\},\"outcomeTimestamp", "\"overrideReason\":{},\"outcomeTimestamp")),
                        "feedback[0].overrideReason"),
                Arguments.of("reason without code",
                        body(OVERRIDDEN.replace("\"code\":\"data-not-trusted\",", "")), "feedback[0].overrideReason.reason.code"),
                Arguments.of("reason without system",
                        body(OVERRIDDEN.replace("\"system\":\"https://flipside.health/fhir/CodeSystem/override-reason\",", "")),
                        "feedback[0].overrideReason.reason.system"),
                Arguments.of("userComment empty",
                        body(OVERRIDDEN.replace("\"Cuff is the patient's old one\"", "\"\"")), "feedback[0].overrideReason.userComment"),
                Arguments.of("userComment not a string",
                        body(OVERRIDDEN.replace("\"Cuff is the patient's old one\"", "42")), "feedback[0].overrideReason.userComment"),
                Arguments.of("no outcomeTimestamp",
                        body(ACCEPTED.replace(",\"outcomeTimestamp\":\"2026-11-20T10:05:31Z\"", "")), "feedback[0].outcomeTimestamp"),
                Arguments.of("outcomeTimestamp without zone",
                        body(ACCEPTED.replace("10:05:31Z", "10:05:31")), "feedback[0].outcomeTimestamp"),
                Arguments.of("outcomeTimestamp a date",
                        body(ACCEPTED.replace("2026-11-20T10:05:31Z", "2026-11-20")), "feedback[0].outcomeTimestamp"),
                Arguments.of("outcomeTimestamp epoch millis",
                        body(ACCEPTED.replace("\"2026-11-20T10:05:31Z\"", "1795082731000")), "feedback[0].outcomeTimestamp"),
                Arguments.of("outcomeTimestamp not a real time", body(sixtyOneSeconds), "feedback[0].outcomeTimestamp"),
                Arguments.of("outcomeTimestamp not UTC",
                        body(ACCEPTED.replace("10:05:31Z", "11:05:31+01:00")), "feedback[0].outcomeTimestamp"),
                Arguments.of("an unknown item attribute",
                        body(ACCEPTED.replace("\"outcome\":", "\"hookInstance\":\"x\",\"outcome\":")), "feedback[0].hookInstance"),
                Arguments.of("extension empty",
                        body(ACCEPTED.replace("\"outcome\":", "\"extension\":{},\"outcome\":")), "feedback[0].extension"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIsRefusedNamingTheField(String name, String body, String field) {
        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
        // the project's feedback schema refuses every one of them too
        assertThat(CdsHooksSchemas.violations(CdsHooksSchemas.Document.FEEDBACK_REQUEST, body)).as(name).isNotEmpty();
    }

    /** Stricter than the schema: contradictions the spec does not forbid in so many words. */
    @Test
    void contradictoryItemsAreRefused() {
        String overriddenWithSuggestions = OVERRIDDEN.replace("\"outcome\":\"overridden\",",
                "\"outcome\":\"overridden\",\"acceptedSuggestions\":[{\"id\":\"" + SUGGESTION + "\"}],");
        String acceptedWithReason = ACCEPTED.replace("\"outcomeTimestamp\"", "\"overrideReason\":{\"userComment\":\"x\"},\"outcomeTimestamp\"");

        assertThatThrownBy(() -> parser.parse(body(overriddenWithSuggestions)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("feedback[0].acceptedSuggestions"));
        assertThatThrownBy(() -> parser.parse(body(acceptedWithReason)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("feedback[0].overrideReason"));
    }

    @Test
    void limitsAreEnforcedWithoutEchoingTheText() {
        String longComment = "secret patient detail ".repeat(400); // > 8000 characters
        String tooMany = body(Stream.generate(() -> ACCEPTED).limit(FeedbackParser.MAX_ITEMS + 1).toArray(String[]::new));

        assertThatThrownBy(() -> parser.parse(body(OVERRIDDEN.replace("Cuff is the patient's old one", longComment))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("feedback[0].overrideReason.userComment");
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
        assertThatThrownBy(() -> parser.parse(tooMany))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("feedback"));
    }
}
