package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FeedbackAnalyticsPageTest {

    @Test
    void rendersEveryFigureAsAReadableSelfContainedPage() {
        Analytics.Group rule = Analytics.Group.of("bp-home-high",
                List.of(Analytics.Week.of("2026-W47", 3, 1, 1), Analytics.Week.of("2026-W48", 3, 0, 2)),
                List.of(new Analytics.ReasonCount("s", "data-not-trusted", "Do not trust this data", 2),
                        new Analytics.ReasonCount(null, null, null, 1)));
        Analytics analytics = new Analytics(Instant.parse("2026-11-25T12:00:00Z"), Analytics.Totals.of(6, 1, 3, 5),
                List.of(rule), List.of());

        String html = AnalyticsPage.render(analytics);

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<code>bp-home-high</code>", "2026-W47", "2026-W48", "33.3 %", "16.7 %", "0.0 %",
                        "Do not trust this data (data-not-trusted): 2", "comment only: 1", "2026-11-25 12:00 UTC",
                        "No cards issued yet.")
                .doesNotContain("<script", "src=", "href=", "http://", "https://");
    }

    /** As the HTTP edge's mapper writes it: no JavaTimeModule there, empty values left out by default. */
    @Test
    void writesAsJsonWithAStableShape() throws Exception {
        ObjectMapper edge = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        Analytics.Group rule = Analytics.Group.of("r", List.of(Analytics.Week.of("2026-W47", 2, 1, 0)), List.of());
        Analytics analytics = new Analytics(Instant.parse("2026-11-25T12:00:00Z"), Analytics.Totals.of(0, 0, 0, 0),
                List.of(rule), List.of());

        JsonNode json = edge.readTree(edge.writeValueAsString(analytics));

        assertThat(json.get("generatedAt").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(json.at("/totals/acceptanceRate").isNull()).isTrue();
        assertThat(json.at("/totals/issued").asLong()).isZero();
        assertThat(json.get("templates").isArray()).isTrue();
        assertThat(json.at("/rules/0/overrideReasons").isArray()).isTrue();
        assertThat(json.at("/rules/0/acceptanceRate").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/rules/0/weeks/0/week").asText()).isEqualTo("2026-W47");
        assertThat(json.get("definitions").get("acceptanceRate").asText()).contains("accepted / issued");
    }

    @Test
    void escapesWhatTheEhrSent() {
        Analytics.Group rule = Analytics.Group.of("r", List.of(Analytics.Week.of("2026-W47", 1, 0, 1)),
                List.of(new Analytics.ReasonCount("s", "x", "<img src=x onerror=alert(1)>", 1)));
        String html = AnalyticsPage.render(new Analytics(Instant.EPOCH, Analytics.Totals.of(1, 0, 1, 1), List.of(rule), List.of(rule)));

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
