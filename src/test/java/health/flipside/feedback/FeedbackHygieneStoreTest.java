package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import health.flipside.services.PastOverride;
import health.flipside.services.PatientHistory;
import health.flipside.services.RuleMeasure;

/** Alert hygiene's part of the store, on H2 and on the real PostgreSQL (each test in its own migrated database). */
class FeedbackHygieneStoreTest {
    static final String SERVICE = FeedbackStoreTest.SERVICE;
    static final Instant ISSUED = FeedbackStoreTest.ISSUED;
    static final String PATIENT = "a".repeat(64);
    static final String OTHER = "b".repeat(64);
    static final String BP = "bp.treated.masked-uncontrolled";
    static final String ITEM9 = "proms.phq9-item9-unassessed";
    static final Set<String> DEALT_WITH = Set.of("already-addressed");

    static List<TestDatabase> databases() {
        return TestDatabase.all().toList();
    }

    static IssuedCard card(String rule, String patientKey, Double measure) {
        return FeedbackStoreTest.card(rule, "t-" + rule, 1, ISSUED).forPatient(patientKey,
                measure == null ? Map.of() : Map.of(rule, new RuleMeasure("home.meanSystolic", measure)));
    }

    static void submit(FeedbackStore store, FeedbackItem... items) throws Exception {
        store.submit(SERVICE, List.of(items), ISSUED.plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOverrideWithACodedReasonBecomesTheRuleSuppressionOfThatPatientOnly(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard mine = card(BP, PATIENT, 138.0);
            IssuedCard theirs = card(BP, OTHER, 150.0);
            IssuedCard commentOnly = card(BP, PATIENT, 139.0);
            IssuedCard accepted = card(BP, PATIENT, 140.0);
            IssuedCard noPatient = card(BP, null, 141.0);
            store.recordIssued(List.of(mine, theirs, commentOnly, accepted, noPatient));
            Instant at = ISSUED.plusSeconds(600);
            submit(store, FeedbackStoreTest.overridden(0, mine, at, "not-relevant", "x"),
                    FeedbackStoreTest.overridden(1, theirs, at, "data-not-trusted", null),
                    FeedbackStoreTest.overridden(2, commentOnly, at, null, "only a comment"),
                    FeedbackStoreTest.accepted(3, accepted, at, accepted.suggestionUuids().get(0)),
                    FeedbackStoreTest.overridden(4, noPatient, at, "not-relevant", null));

            PatientHistory history = store.history(PATIENT, ISSUED.minus(Duration.ofDays(30)), DEALT_WITH);

            assertThat(history.overrides()).singleElement().satisfies(o -> {
                assertThat(o.ruleId()).isEqualTo(BP);
                assertThat(o.overriddenAt()).isEqualTo(at);
                assertThat(o.reasonCode()).isEqualTo("not-relevant");
                assertThat(o.indicator()).isEqualTo("warning");
                assertThat(o.measureName()).isEqualTo("home.meanSystolic");
                assertThat(o.measureValue()).isEqualTo(138.0);
            });
            assertThat(store.history(OTHER, ISSUED, DEALT_WITH).overrides()).extracting(PastOverride::measureValue).containsExactly(150.0);
            assertThat(store.history(PATIENT, at.plusSeconds(1), DEALT_WITH).overrides()).as("older than 'since'").isEmpty();
            assertThat(store.history("c".repeat(64), ISSUED, DEALT_WITH)).isEqualTo(PatientHistory.NONE);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void dealtWithIsAnAcceptedCardOrAnOverrideWithADealtWithReasonTheLatestPerRule(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard early = card(ITEM9, PATIENT, null);
            IssuedCard late = card(ITEM9, PATIENT, null);
            IssuedCard notRelevant = card(BP, PATIENT, 138.0);
            IssuedCard otherPatient = card("proms.gad7-severe", OTHER, null);
            store.recordIssued(List.of(early, late, notRelevant, otherPatient));
            Instant t1 = ISSUED.plusSeconds(60);
            Instant t2 = ISSUED.plusSeconds(3600);
            submit(store, FeedbackStoreTest.accepted(0, early, t1, early.suggestionUuids().get(0)),
                    FeedbackStoreTest.overridden(1, late, t2, "already-addressed", null),
                    FeedbackStoreTest.overridden(2, notRelevant, t2, "not-relevant", null),
                    FeedbackStoreTest.accepted(3, otherPatient, t2, otherPatient.suggestionUuids().get(0)));

            PatientHistory history = store.history(PATIENT, ISSUED, DEALT_WITH);

            assertThat(history.feedback().dealtWith()).isEqualTo(Map.of(ITEM9, t2));
            assertThat(history.feedback().dealtWithSince(ITEM9, t2)).isTrue();
            assertThat(history.feedback().dealtWithSince(ITEM9, t2.plusSeconds(1))).isFalse();
            assertThat(store.history(PATIENT, ISSUED, Set.of()).feedback().dealtWith())
                    .as("without dealt-with reasons only acceptance counts").isEqualTo(Map.of(ITEM9, t1));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void feedbackStoredBeforeTheFeedbackWasKeyedByPatientIsFoundByItsPatient(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.openEmpty()) {
            Migrations.migrateTo(db.dataSource(), "3");
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard mine = card(ITEM9, PATIENT, null);
            IssuedCard theirs = card(ITEM9, OTHER, null);
            store.recordIssued(List.of(mine, theirs));
            Instant at = ISSUED.plusSeconds(60);
            try (Connection connection = db.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback (feedback_id, dedupe_key, "
                         + "card_uuid, outcome, outcome_at, received_at) VALUES (?, ?, ?, 'accepted', ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "v3-" + mine.cardUuid());
                insert.setString(3, mine.cardUuid());
                insert.setObject(4, at.atOffset(ZoneOffset.UTC));
                insert.setObject(5, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }

            assertThat(Migrations.migrate(db.dataSource())).isEqualTo(1);

            assertThat(store.history(PATIENT, ISSUED, DEALT_WITH).feedback().dealtWith()).isEqualTo(Map.of(ITEM9, at));
            assertThat(store.history(OTHER, ISSUED, DEALT_WITH).feedback().dealtWith()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void suppressedFindingsAreCountedAndShownPerRuleWithThePatientsStillSuppressed(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card(BP, PATIENT, 138.0);
            IssuedCard b = card(BP, OTHER, 140.0);
            IssuedCard old = card(BP, OTHER, 141.0);
            store.recordIssued(List.of(a, b, old));
            Instant now = ISSUED.plus(Duration.ofDays(20));
            submit(store, FeedbackStoreTest.overridden(0, a, ISSUED, "not-relevant", null),
                    FeedbackStoreTest.overridden(1, b, ISSUED, "patient-declined", null),
                    FeedbackStoreTest.overridden(2, old, ISSUED.minus(Duration.ofDays(40)), "patient-declined", null));
            PastOverride override = store.history(PATIENT, ISSUED, DEALT_WITH).overrides().get(0);

            store.countSuppressed(List.of(override), now);
            store.countSuppressed(List.of(override), now.plusSeconds(60));

            Analytics analytics = store.analytics(now, Map.of(BP, 30));
            assertThat(analytics.suppressions()).containsExactly(new Analytics.Suppression(BP, 30, 3, 2, 2));
            assertThat(store.analytics(now, Map.of()).suppressions())
                    .as("a rule no longer in policy.yaml suppresses nobody").containsExactly(new Analytics.Suppression(BP, null, 3, 0, 2));
            assertThat(analytics.definitions()).containsKey("suppressions");
        }
    }
}
