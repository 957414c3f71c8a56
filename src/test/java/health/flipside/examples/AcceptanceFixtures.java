package health.flipside.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import health.flipside.content.Scenario;

/**
 * The acceptance fixtures of examples/README.md (vignettes 1–5 and the five edge cases), each with the scenario of
 * the same name in rules/&lt;topic&gt;/tests/. The scenarios are written for the examples' anchor day; a test that
 * builds an example as of another instant moves the dates the scenario expects in card texts ("30 Oct",
 * "18 Nov 2026") by the same whole days the example's data moved.
 */
public final class AcceptanceFixtures {
    public static final List<String> NAMES = List.of(
            "vignette-1-masked-uncontrolled", "vignette-2-smartwatch-irn", "vignette-3-cgm-hypoglycaemia",
            "vignette-4-no-devices", "vignette-5-hf-weight-kccq",
            "edge-1-phq9-item9", "edge-2-cuffless-watch-only", "edge-3-insufficient-readings",
            "edge-4-fingertip-spo2", "edge-5-cgm-insufficient-wear");
    private static final Path RULES = Path.of("rules");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \\d{4})?\\b");
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private AcceptanceFixtures() {
    }

    /** The one scenario named after the fixture, in whichever topic holds it. */
    public static Path scenarioFile(String name) {
        try (Stream<Path> files = Files.walk(RULES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(name + ".json"))
                    .filter(p -> p.getParent().getFileName().toString().equals("tests")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one scenario file for acceptance fixture " + name + ", found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's scenario with its expected dates moved to the patient's day at {@code now}. */
    public static Scenario scenarioAsOf(Path scenarioFile, Instant now) {
        return shifted(Scenario.read(scenarioFile), ChronoUnit.DAYS.between(
                LocalDate.ofInstant(ExamplePatients.ANCHOR, ExamplePatients.PATIENT_ZONE),
                LocalDate.ofInstant(now, ExamplePatients.PATIENT_ZONE)));
    }

    /** The scenario with every "d MMM[ yyyy]" date in its expected texts moved by {@code days}. */
    static Scenario shifted(Scenario scenario, long days) {
        List<Scenario.ExpectedCard> cards = scenario.expect().cards().stream().map(c -> new Scenario.ExpectedCard(
                c.indicator(), shift(c.summaryContains(), days), shift(c.detailContains(), days), c.mustNotContain(),
                c.suggestions())).toList();
        return new Scenario(scenario.description(), scenario.request(), scenario.bundle(), scenario.now(), scenario.cardFeedback(),
                new Scenario.Expect(scenario.expect().findings(), cards));
    }

    private static List<String> shift(List<String> texts, long days) {
        return texts.stream().map(text -> {
            Matcher m = DATE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int year = m.group(3) == null ? ExamplePatients.ANCHOR.atOffset(ExamplePatients.PATIENT_ZONE).getYear()
                        : Integer.parseInt(m.group(3).trim());
                LocalDate date = LocalDate.parse(m.group(1) + " " + m.group(2) + " " + year, DAY_MONTH_YEAR).plusDays(days);
                m.appendReplacement(out, date.format(m.group(3) == null ? DAY_MONTH : DAY_MONTH_YEAR));
            }
            return m.appendTail(out).toString();
        }).toList();
    }
}
