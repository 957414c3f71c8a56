package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written reader accepts exactly what the pattern and java.time's strict ISO parser accept, with the same value. */
class JsonDateTimeTest {
    /** The former reading, kept as the reference: the FHIR form with seconds and offset, then OffsetDateTime.parse. */
    private static final Pattern FORM = Pattern.compile(
            "(19|2[01])\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?(Z|[+-](0\\d|1[0-4]):[0-5]\\d)");
    private static final String ALPHABET = "0123456789-:+TZ.t z5\u0663\uff11";

    private static OffsetDateTime reference(String text) {
        if (!FORM.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void readsTheUsualFormsWithTheirInstantAndWallClock() {
        OffsetDateTime t = JsonDateTime.parse("2026-11-20T07:05:09.25-05:00");

        assertThat(t).isNotNull();
        assertThat(t.toInstant()).hasToString("2026-11-20T12:05:09.250Z");
        assertThat(t.toLocalDateTime()).hasToString("2026-11-20T07:05:09.250");
        assertThat(JsonDateTime.parse("2026-11-20T12:00:00Z").toInstant()).hasToString("2026-11-20T12:00:00Z");
    }

    @Test
    void refusesWhatIsNotAFullCalendarDateTimeWithOffset() {
        for (String text : List.of("2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:00:60Z",
                "2026-11-20T10:00Z", "2026-11-20", "2026-11-20T10:00:00", "2026-11-20T10:00:00.1234Z",
                "2026-11-20T10:00:00.Z", "2026-11-20T10:00:00+15:00", "2026-11-20T10:00:00+05:60",
                "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2026-11-20t10:00:00Z", "2026-11-20T10:00:00z",
                "\u0662026-11-20T10:00:00Z", "2026-11-20T10:00:00+0500", "")) {
            assertThat(JsonDateTime.parse(text)).as(text).isNull();
            assertThat(reference(text)).as(text).isNull();
        }
    }

    @Test
    void agreesWithTheReferenceOnTwoHundredThousandMutatedDateTimes() {
        Random random = new Random(20261205);
        List<String> seeds = List.of("2026-11-20T07:05:09.25-05:00", "2024-02-29T23:59:59Z", "1999-12-31T00:00:00.001+14:00",
                "2100-06-15T12:30:45.5-00:00", "2026-01-01T00:00:00+05:45");
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random, 1 + random.nextInt(3));
            OffsetDateTime expected = reference(text);
            OffsetDateTime actual = JsonDateTime.parse(text);
            if (expected == null) {
                assertThat(actual).as(text).isNull();
            } else {
                accepted++;
                assertThat(actual).as(text).isNotNull();
                assertThat(actual.toInstant()).as(text).isEqualTo(expected.toInstant());
                assertThat(actual.toLocalDateTime()).as(text).isEqualTo(expected.toLocalDateTime());
            }
        }
        // both sides of the comparison were exercised
        assertThat(accepted).isBetween(5_000, 195_000);
    }

    private static String mutate(String text, Random random, int edits) {
        StringBuilder s = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length() + 1);
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0 -> { if (at < s.length()) s.setCharAt(at, c); }
                case 1 -> s.insert(at, c);
                default -> { if (at < s.length()) s.deleteCharAt(at); }
            }
        }
        return s.toString();
    }
}
