package health.flipside.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import health.flipside.support.InvalidRequestException;

/** The store on H2 and on the real PostgreSQL, each test in its own freshly migrated database or schema. */
class FeedbackStoreTest {
    static final String SERVICE = "patient-data-summary";
    static final String SYSTEM = "https://flipside.health/fhir/CodeSystem/override-reason";
    static final Instant ISSUED = Instant.parse("2026-11-18T09:00:00Z");       // Wednesday of 2026-W47
    static final Instant NEXT_WEEK = Instant.parse("2026-11-24T09:00:00Z");    // Tuesday of 2026-W48
    static final Instant RECEIVED = Instant.parse("2026-11-25T12:00:00Z");

    static List<TestDatabase> databases() {
        return TestDatabase.all().toList();
    }

    static IssuedCard card(String rule, String template, int suggestions, Instant issuedAt) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < suggestions; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return new IssuedCard(UUID.randomUUID().toString(), SERVICE, UUID.randomUUID(), List.of(rule), List.of(template),
                "warning", ids, issuedAt);
    }

    static FeedbackItem accepted(int index, IssuedCard card, Instant at, String... suggestions) {
        return new FeedbackItem(index, card.cardUuid(), Outcome.ACCEPTED, List.of(suggestions), null, at);
    }

    static FeedbackItem overridden(int index, IssuedCard card, Instant at, String code, String comment) {
        return new FeedbackItem(index, card.cardUuid(), Outcome.OVERRIDDEN, List.of(),
                new FeedbackItem.OverrideReason(code == null ? null : SYSTEM, code, code == null ? null : "Display of " + code, comment), at);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migrationsAreAppliedOnceAndAgainIsANoOp(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            assertThat(Migrations.migrate(db.dataSource())).isZero();
            assertThat(new FeedbackStore(db.dataSource()).feedbackCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void issuedCardsAreRecordedOnceEach(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard merged = new IssuedCard(UUID.randomUUID().toString(), SERVICE, UUID.randomUUID(),
                    List.of("bp-a", "bp-b", "bp-a"), List.of("t-a", "t-b"), "info", List.of(), ISSUED);
            IssuedCard single = card("bp-c", "t-c", 2, ISSUED);

            IssuedCard later = card("bp-d", "t-d", 1, ISSUED);

            store.recordIssued(List.of(merged, single));
            store.recordIssued(List.of(single)); // the same card again changes nothing
            store.recordIssued(List.of(merged, later, single)); // beside a new card, the known ones change nothing either

            assertThat(store.isIssued(merged.cardUuid())).isTrue();
            assertThat(store.isIssued(single.cardUuid().toUpperCase())).isTrue();
            assertThat(store.isIssued(later.cardUuid())).isTrue();
            assertThat(store.isIssued(UUID.randomUUID().toString())).isFalse();
            Analytics analytics = store.analytics(RECEIVED);
            assertThat(analytics.totals().issued()).isEqualTo(3);
            assertThat(analytics.rules()).extracting(Analytics.Group::id).containsExactly("bp-a", "bp-b", "bp-c", "bp-d");
            assertThat(analytics.templates()).extracting(Analytics.Group::id).containsExactly("t-a", "t-b", "t-c", "t-d");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void feedbackIsStoredWithEverythingTheEhrSent(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 2, ISSUED);
            IssuedCard b = card("bp-b", "t-b", 0, ISSUED);
            store.recordIssued(List.of(a, b));
            Instant acceptedAt = Instant.parse("2026-11-18T09:05:31.123456789Z"); // kept to the microsecond
            String comment = "Patient says the cuff is new; ünïcode ✓ and 'quotes' \"too\"";

            FeedbackStore.SubmitResult result = store.submit(SERVICE, List.of(
                    accepted(0, a, acceptedAt, a.suggestionUuids().get(1), a.suggestionUuids().get(0)),
                    overridden(1, b, ISSUED.plusSeconds(60), "data-not-trusted", comment)), RECEIVED);

            assertThat(result).isEqualTo(new FeedbackStore.SubmitResult(2, 2, 0));
            List<FeedbackStore.StoredFeedback> onA = store.feedbackFor(a.cardUuid());
            assertThat(onA).singleElement().satisfies(f -> {
                assertThat(f.outcome()).isEqualTo(Outcome.ACCEPTED);
                assertThat(f.outcomeTimestamp()).isEqualTo(Instant.parse("2026-11-18T09:05:31.123456Z"));
                assertThat(f.acceptedSuggestions()).containsExactlyInAnyOrderElementsOf(a.suggestionUuids());
                assertThat(f.overrideReason()).isNull();
                assertThat(f.receivedAt()).isEqualTo(RECEIVED);
            });
            assertThat(store.feedbackFor(b.cardUuid())).singleElement().satisfies(f -> {
                assertThat(f.outcome()).isEqualTo(Outcome.OVERRIDDEN);
                assertThat(f.overrideReason()).isEqualTo(new FeedbackItem.OverrideReason(SYSTEM, "data-not-trusted",
                        "Display of data-not-trusted", comment));
                assertThat(f.acceptedSuggestions()).isEmpty();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theSameFeedbackArrivingAgainIsNotStoredTwice(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 2, ISSUED);
            store.recordIssued(List.of(a));
            String s0 = a.suggestionUuids().get(0);
            String s1 = a.suggestionUuids().get(1);
            Instant at = ISSUED.plusSeconds(30);

            assertThat(store.submit(SERVICE, List.of(accepted(0, a, at, s0, s1)), RECEIVED).stored()).isEqualTo(1);
            // again, suggestions in another order and upper-case ids, and twice within one batch
            FeedbackStore.SubmitResult again = store.submit(SERVICE, List.of(
                    accepted(0, a, at, s1.toUpperCase(), s0), accepted(1, a, at, s0, s1)), RECEIVED);
            assertThat(again).isEqualTo(new FeedbackStore.SubmitResult(2, 0, 2));
            // different suggestions, a different instant or another outcome are different feedback
            FeedbackStore.SubmitResult different = store.submit(SERVICE, List.of(
                    accepted(0, a, at, s0),
                    accepted(1, a, at.plusMillis(1), s0, s1),
                    overridden(2, a, at, "not-relevant", null)), RECEIVED);
            assertThat(different).isEqualTo(new FeedbackStore.SubmitResult(3, 3, 0));

            assertThat(store.feedbackCount()).isEqualTo(4);
            Analytics analytics = store.analytics(RECEIVED);
            assertThat(analytics.totals().feedbackItems()).isEqualTo(4);
            assertThat(analytics.totals().accepted()).as("cards, not items").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBatchWithAnUnknownCardStoresNothing(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 1, ISSUED);
            IssuedCard neverIssued = card("bp-x", "t-x", 1, ISSUED);
            store.recordIssued(List.of(a));

            assertThatThrownBy(() -> store.submit(SERVICE, List.of(
                    accepted(0, a, ISSUED, a.suggestionUuids().get(0)),
                    overridden(1, neverIssued, ISSUED, "not-relevant", null)), RECEIVED))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("feedback[1].card"));
            assertThat(store.feedbackCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCardOfAnotherServiceIsUnknownToThisOne(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 1, ISSUED);
            store.recordIssued(List.of(a));

            assertThatThrownBy(() -> store.submit("another-service", List.of(overridden(0, a, ISSUED, "not-relevant", null)), RECEIVED))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("feedback[0].card"));
            assertThat(store.feedbackCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAcceptedSuggestionMustBeTheCardsOwn(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 1, ISSUED);
            IssuedCard b = card("bp-b", "t-b", 1, ISSUED);
            store.recordIssued(List.of(a, b));

            assertThatThrownBy(() -> store.submit(SERVICE, List.of(
                    overridden(0, b, ISSUED, "not-relevant", null),
                    accepted(1, a, ISSUED, a.suggestionUuids().get(0), b.suggestionUuids().get(0))), RECEIVED))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("feedback[1].acceptedSuggestions[1].id"));
            assertThat(store.feedbackCount()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseErrorOnTheLastItemRollsBackTheWholeBatch(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard a = card("bp-a", "t-a", 1, ISSUED);
            IssuedCard b = card("bp-b", "t-b", 0, ISSUED);
            store.recordIssued(List.of(a, b));
            // longer than the column: the parser refuses it, so only a bypassing caller can get here
            String tooLong = "x".repeat(FeedbackParser.MAX_COMMENT_LENGTH + 1);

            assertThatThrownBy(() -> store.submit(SERVICE, List.of(
                    accepted(0, a, ISSUED, a.suggestionUuids().get(0)),
                    overridden(1, b, ISSUED, null, tooLong)), RECEIVED))
                    .isInstanceOf(SQLException.class);
            assertThat(store.feedbackCount()).isZero();
            assertThat(store.feedbackFor(a.cardUuid())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentDeliveriesOfTheSameItemStoreItOnce(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 10; round++) {
                    IssuedCard a = card("bp-a", "t-a", 1, ISSUED);
                    store.recordIssued(List.of(a));
                    FeedbackItem item = accepted(0, a, ISSUED, a.suggestionUuids().get(0));
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<FeedbackStore.SubmitResult>> results = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        Callable<FeedbackStore.SubmitResult> send = () -> {
                            start.await();
                            return store.submit(SERVICE, List.of(item), RECEIVED);
                        };
                        results.add(pool.submit(send));
                    }
                    start.countDown();
                    int stored = 0;
                    for (Future<FeedbackStore.SubmitResult> result : results) {
                        stored += result.get(30, TimeUnit.SECONDS).stored();
                    }
                    assertThat(stored).as("round " + round).isEqualTo(1);
                    assertThat(store.feedbackFor(a.cardUuid())).hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void analyticsCountCardsPerRuleTemplateReasonAndIsoWeek(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            FeedbackStore store = new FeedbackStore(db.dataSource());
            IssuedCard w47accepted = card("bp-home-high", "bp-home-high", 1, ISSUED);
            IssuedCard w47overridden = card("bp-home-high", "bp-home-high", 1, ISSUED);
            IssuedCard w47ignored = card("bp-home-high", "bp-home-high", 1, ISSUED);
            IssuedCard w48overridden = card("bp-home-high", "bp-home-high-v2", 1, NEXT_WEEK);
            IssuedCard w48commentOnly = card("bp-home-high", "bp-home-high-v2", 0, NEXT_WEEK);
            IssuedCard merged = new IssuedCard(UUID.randomUUID().toString(), SERVICE, UUID.randomUUID(),
                    List.of("bp-no-home-data", "bp-home-high"), List.of("bp-no-home-data", "bp-home-high"), "info", List.of(), NEXT_WEEK);
            store.recordIssued(List.of(w47accepted, w47overridden, w47ignored, w48overridden, w48commentOnly, merged));

            store.submit(SERVICE, List.of(
                    accepted(0, w47accepted, ISSUED.plusSeconds(5), w47accepted.suggestionUuids().get(0)),
                    // a second acceptance of the same card on another day: still one accepted card
                    accepted(1, w47accepted, NEXT_WEEK, w47accepted.suggestionUuids().get(0)),
                    overridden(2, w47overridden, ISSUED.plusSeconds(9), "data-not-trusted", "comment"),
                    overridden(3, w48overridden, NEXT_WEEK.plusSeconds(9), "data-not-trusted", null),
                    overridden(4, w48commentOnly, NEXT_WEEK.plusSeconds(9), null, "free text only"),
                    overridden(5, merged, NEXT_WEEK.plusSeconds(9), "already-addressed", null)), RECEIVED);

            Analytics analytics = store.analytics(RECEIVED);

            assertThat(analytics.totals()).isEqualTo(new Analytics.Totals(6, 1, 4, 0.167, 6));
            Analytics.Group rule = analytics.rules().stream().filter(g -> g.id().equals("bp-home-high")).findFirst().orElseThrow();
            assertThat(rule.issued()).isEqualTo(6);
            assertThat(rule.accepted()).isEqualTo(1);
            assertThat(rule.overridden()).isEqualTo(4);
            assertThat(rule.acceptanceRate()).isEqualTo(0.167);
            assertThat(rule.weeks()).containsExactly(
                    new Analytics.Week("2026-W47", 3, 1, 1, 0.333),
                    new Analytics.Week("2026-W48", 3, 0, 3, 0.0));
            assertThat(rule.overrideReasons()).containsExactly(
                    new Analytics.ReasonCount(SYSTEM, "data-not-trusted", "Display of data-not-trusted", 2),
                    new Analytics.ReasonCount(SYSTEM, "already-addressed", "Display of already-addressed", 1),
                    new Analytics.ReasonCount(null, null, null, 1));

            Analytics.Group noHomeData = analytics.rules().stream().filter(g -> g.id().equals("bp-no-home-data")).findFirst().orElseThrow();
            assertThat(noHomeData.issued()).isEqualTo(1);
            assertThat(noHomeData.overridden()).isEqualTo(1);
            assertThat(noHomeData.acceptanceRate()).isEqualTo(0.0);

            assertThat(analytics.templates()).extracting(Analytics.Group::id)
                    .containsExactly("bp-home-high", "bp-home-high-v2", "bp-no-home-data");
            Analytics.Group v2 = analytics.templates().get(1);
            assertThat(v2.issued()).isEqualTo(2);
            assertThat(v2.overridden()).isEqualTo(2);
            assertThat(v2.weeks()).containsExactly(new Analytics.Week("2026-W48", 2, 0, 2, 0.0));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void analyticsOfAnEmptyLogAreEmpty(TestDatabase database) throws Exception {
        try (TestDatabase.Isolated db = database.open()) {
            Analytics analytics = new FeedbackStore(db.dataSource()).analytics(RECEIVED);
            assertThat(analytics.totals()).isEqualTo(new Analytics.Totals(0, 0, 0, null, 0));
            assertThat(analytics.rules()).isEmpty();
            assertThat(analytics.templates()).isEmpty();
            assertThat(AnalyticsPage.render(analytics)).contains("No cards issued yet.");
        }
    }
}
