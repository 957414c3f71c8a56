package health.flipside.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import health.flipside.cards.Card;
import health.flipside.examples.ExamplePatients;
import health.flipside.feedback.Analytics;
import health.flipside.feedback.FeedbackDatabase;
import health.flipside.feedback.FeedbackItem;
import health.flipside.feedback.FeedbackStore;
import health.flipside.feedback.IssuedCardLog;
import health.flipside.feedback.Outcome;
import health.flipside.feedback.PatientHistoryLookup;
import health.flipside.feedback.PatientKeys;
import health.flipside.feedback.TestDatabase;
import health.flipside.fhir.PrefetchResolver;
import health.flipside.hooks.HookRequestParser;
import health.flipside.content.ContentGate;

/**
 * Alert hygiene through the real service, rules, cards and store (H2 and PostgreSQL): vignette 1's masked-uncontrolled
 * warning is overridden with a reason → gone on the next call with the same data → back when the home mean worsens →
 * back after the rule's period (30 days in cds-cards/policy.yaml); and nothing stored names the patient.
 */
class AlertHygieneTest {
    static final String EXAMPLE = "vignette-1-masked-uncontrolled";
    static final String PATIENT_ID = "vignette-1";
    static final String RULE = "bp.treated.masked-uncontrolled";
    static final String SECRET = "test-secret-of-at-least-thirty-two-characters";
    static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static LoadedContent content;

    @BeforeAll
    static void loadContent() {
        content = ContentGate.load(Path.of("rules"), Path.of("cds-cards"));
    }

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Fixture(PatientDataSummaryService service, FeedbackStore store, MovableClock clock) {
        /** The hook call for vignette 1 with its data moved to the clock's now, home systolic values raised by {@code raise}. */
        List<Card> call(int raise) throws Exception {
            ObjectNode request = ExamplePatients.hookRequest(ExamplePatients.named(EXAMPLE), clock.now);
            for (JsonNode entry : request.at("/prefetch/vitalSigns/entry")) {
                JsonNode reading = entry.get("resource");
                if (reading.has("device")) { // the home cuff's readings; office readings name no device
                    for (JsonNode component : reading.get("component")) {
                        if (component.at("/code/coding/0/code").asText().equals("8480-6")) {
                            ObjectNode quantity = (ObjectNode) component.get("valueQuantity");
                            quantity.put("value", quantity.get("value").asDouble() + raise);
                        }
                    }
                }
            }
            HookCall call = new HookRequestParser(JSON).parse(request.toString(), PatientDataSummary.descriptor());
            return service.handle(call);
        }

        void override(Card card, String code, Instant at) throws Exception {
            FeedbackItem item = new FeedbackItem(0, card.uuid(), Outcome.OVERRIDDEN, List.of(),
                    new FeedbackItem.OverrideReason("https://flipside.health/fhir/CodeSystem/override-reason", code, null,
                            "talked it through"), at);
            assertThat(store.submit(PatientDataSummary.ID, List.of(item), at).stored()).isEqualTo(1);
        }
    }

    static Fixture fixture(DataSource dataSource) {
        FeedbackStore store = new FeedbackStore(dataSource);
        FeedbackDatabase database = new FeedbackDatabase() {
            @Override
            public FeedbackStore store() {
                return store;
            }
        };
        MovableClock clock = new MovableClock();
        ContentHolder holder = new ContentHolder();
        holder.swap(content, T0);
        PrefetchResolver resolver = new PrefetchResolver((access, url) -> {
            throw new AssertionError("full prefetch: no callback expected");
        }, Runnable::run, Duration.ofSeconds(2));
        PatientDataSummaryService service = new PatientDataSummaryService(holder, resolver, clock);
        PatientKeys keys = new PatientKeys(SECRET);
        IssuedCardLog issuedCards = new IssuedCardLog(database, Runnable::run, 5_000, keys);
        PatientHistoryLookup history = new PatientHistoryLookup(database, Runnable::run, 5_000, keys);
        service.issued = new DirectEvent<CardsIssued>(issuedCards::onCardsIssued, e -> history.countSuppressed(e.suppressed(), e.at()));
        service.history = history;
        return new Fixture(service, store, clock);
    }

    static Card warning(List<Card> cards) {
        List<Card> warnings = cards.stream().filter(c -> c.indicator().equals("warning")).toList();
        assertThat(warnings).as("the masked-uncontrolled warning").hasSize(1);
        return warnings.get(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOverriddenCardStaysAwayUntilTheDataWorsensOrThePeriodEnds(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            Fixture f = fixture(db.dataSource());

            Card first = warning(f.call(0));
            assertThat(first.summary()).contains("138/86");
            f.override(first, "patient-declined", T0.plusSeconds(60));

            f.clock.now = T0.plus(Duration.ofDays(1));
            assertThat(f.call(0)).as("same patient, rule and data the next day").noneMatch(c -> c.indicator().equals("warning"));

            f.clock.now = T0.plus(Duration.ofDays(2));
            Card worse = warning(f.call(6));
            assertThat(worse.summary()).as("home mean 6 mm Hg higher than when overridden").contains("144/86");

            f.clock.now = T0.plus(Duration.ofDays(31));
            assertThat(f.call(0)).as("30-day period over, same data").anySatisfy(c -> assertThat(c.indicator()).isEqualTo("warning"));

            Analytics analytics = f.store.analytics(f.clock.now, java.util.Map.of(RULE, 30));
            assertThat(analytics.suppressions()).singleElement().satisfies(s -> {
                assertThat(s.ruleId()).isEqualTo(RULE);
                assertThat(s.overrides()).isEqualTo(1);
                assertThat(s.suppressedFindings()).isEqualTo(1);
                assertThat(s.activePatients()).as("31 days later the override is over").isZero();
            });
            assertThat(f.store.analytics(T0.plus(Duration.ofDays(3)), java.util.Map.of(RULE, 30)).suppressions().get(0).activePatients())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOverrideWithOnlyACommentSuppressesNothing(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            Fixture f = fixture(db.dataSource());
            Card first = warning(f.call(0));
            FeedbackItem commentOnly = new FeedbackItem(0, first.uuid(), Outcome.OVERRIDDEN, List.of(),
                    new FeedbackItem.OverrideReason(null, null, null, "not now"), T0.plusSeconds(60));
            f.store.submit(PatientDataSummary.ID, List.of(commentOnly), T0.plusSeconds(60));

            f.clock.now = T0.plus(Duration.ofDays(1));
            assertThat(f.call(0)).anySatisfy(c -> assertThat(c.indicator()).isEqualTo("warning"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void nothingStoredNamesThePatient(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            Fixture f = fixture(db.dataSource());
            Card first = warning(f.call(0));
            f.override(first, "already-addressed", T0.plusSeconds(60));
            f.clock.now = T0.plus(Duration.ofDays(1));
            f.call(0);

            List<String> values = allStoredText(db.dataSource());
            assertThat(values).as("every text value of every table").isNotEmpty()
                    .noneMatch(v -> v.contains(PATIENT_ID));
            String key = new PatientKeys(SECRET).of(null, PATIENT_ID).orElseThrow();
            assertThat(key).matches("[0-9a-f]{64}");
            assertThat(values).as("the keyed hash is what identifies the patient's rows").contains(key);
            assertThat(new PatientKeys(SECRET.replace('t', 'T')).of(null, PATIENT_ID).orElseThrow())
                    .as("another secret, another key: the hash cannot be recomputed without the secret").isNotEqualTo(key);
        }
    }

    /** Every non-null text value in every table of Flipside's schema. */
    static List<String> allStoredText(DataSource dataSource) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).map(t -> t.toLowerCase(java.util.Locale.ROOT)).contains("issued_card", "card_suppression", "feedback");
            for (String table : tables) {
                try (Statement select = connection.createStatement();
                     ResultSet rs = select.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof String s) {
                                values.add(s);
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
