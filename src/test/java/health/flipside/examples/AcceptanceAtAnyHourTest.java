package health.flipside.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import health.flipside.content.ContentGate;
import health.flipside.content.Mismatch;
import health.flipside.content.PatientInput;
import health.flipside.content.Scenario;
import health.flipside.content.ScenarioRunner;
import health.flipside.rules.Finding;
import health.flipside.services.LoadedContent;
import health.flipside.services.SummaryPipeline;

/**
 * A physician opens the chart at any hour, and the acceptance fixtures send their data "dated to the present" at
 * whatever hour the build runs: the cards must not depend on it. The examples put each reading at a fixed time of
 * day, so between two of those times (and midnight on either clock) no window edge passes a reading: each fixture is
 * built as of one instant in every such interval of a whole day, and held to its scenario.
 */
class AcceptanceAtAnyHourTest {
    private static final Instant DAY = Instant.parse("2026-12-06T00:00:00Z");
    private static final Pattern DATE_TIME = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(?:Z|[+-]\\d{2}:\\d{2}))\"");
    private static LoadedContent content;

    @BeforeAll
    static void load() {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
    }

    @Test
    void everyFixtureGivesItsCardsAtEveryHourOfTheDay() {
        List<String> failures = new ArrayList<>();
        for (String name : AcceptanceFixtures.NAMES) {
            Path file = AcceptanceFixtures.scenarioFile(name);
            for (Instant now : oneInstantBetweenEachTwoReadingTimes(name)) {
                Scenario scenario = AcceptanceFixtures.scenarioAsOf(file, now);
                String request = ExamplePatients.hookRequest(ExamplePatients.named(name), now).toString();
                SummaryPipeline.Result result = content.pipeline().explain(PatientInput.fromHookRequest(request), now).result();
                TreeSet<String> fired = new TreeSet<>(result.findings().stream().map(Finding::ruleId).toList());
                if (!fired.equals(new TreeSet<>(scenario.expect().findings()))) {
                    failures.add(name + " at " + now + ": rules fired " + fired);
                }
                for (Mismatch m : ScenarioRunner.compareCards(file, scenario, result.cards())) {
                    failures.add(name + " at " + now + ": " + m.what() + " expected " + m.expected());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theInstantsFallBetweenTheReadingTimes() {
        List<Instant> instants = oneInstantBetweenEachTwoReadingTimes("vignette-2-smartwatch-irn");
        // its steps are stamped 23:50 at UTC-5: the last ten minutes before midnight there are tried
        assertThat(instants).anyMatch(i -> i.isAfter(Instant.parse("2026-12-06T04:50:00Z")) && i.isBefore(Instant.parse("2026-12-06T05:00:00Z")));
        assertThat(instants).hasSizeBetween(6, 40);
    }

    /**
     * The middle of each interval between two neighbouring times of day (UTC) at which the fixture, built as of
     * {@link #DAY}, stamps something, with midnight UTC and midnight on the patient's clock among them.
     */
    private static List<Instant> oneInstantBetweenEachTwoReadingTimes(String name) {
        TreeSet<LocalTime> times = new TreeSet<>(List.of(LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT.minusSeconds(ExamplePatients.PATIENT_ZONE.getTotalSeconds())));
        Matcher m = DATE_TIME.matcher(ExamplePatients.hookRequest(ExamplePatients.named(name), DAY).toString());
        while (m.find()) {
            try {
                times.add(OffsetDateTime.parse(m.group(1)).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(name + " stamps an unreadable date-time " + m.group(1), e);
            }
        }
        List<LocalTime> sorted = new ArrayList<>(times);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            long from = sorted.get(i).toNanoOfDay();
            long to = i + 1 < sorted.size() ? sorted.get(i + 1).toNanoOfDay() : Duration.ofDays(1).toNanos();
            instants.add(DAY.plusNanos(from + (to - from) / 2));
        }
        return instants;
    }
}
