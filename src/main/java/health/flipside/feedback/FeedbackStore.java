package health.flipside.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;

import health.flipside.support.InvalidRequestException;
import health.flipside.services.PastOverride;
import health.flipside.services.PatientHistory;
import health.flipside.services.RuleMeasure;

/**
 * The issued-cards log and the feedback on those cards, in plain JDBC over a {@link DataSource} whose schema
 * {@link Migrations} has brought up to date. The same SQL runs on H2 and PostgreSQL.
 *
 * <p>Every write is one transaction: a feedback batch is checked against the log and stored whole, or not at all.
 * No method logs; callers log without values (an SQLException's message can quote stored text, so callers log its
 * SQLState only).
 */
public class FeedbackStore {
    /** SQLState of a unique-constraint violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public FeedbackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The outcome of one feedback request: items sent, items stored now, items already stored before. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SubmitResult(int received, int stored, int duplicates) {
    }

    // ---------------------------------------------------------------- issued cards

    /** Records the cards of one hook answer, in one transaction. A card already recorded is left as it is. */
    public void recordIssued(List<IssuedCard> cards) throws SQLException {
        if (cards.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Set<String> existing = existingCards(connection, cards.stream().map(IssuedCard::cardUuid).toList());
                List<IssuedCard> fresh = cards.stream().filter(c -> !existing.contains(c.cardUuid())).toList();
                insertIssued(connection, fresh);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /** Which of these cards are already in the log: one query for a hook call's cards, not one for each. */
    private static Set<String> existingCards(Connection connection, List<String> uuids) throws SQLException {
        Set<String> existing = new HashSet<>();
        String marks = String.join(", ", java.util.Collections.nCopies(uuids.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("SELECT card_uuid FROM issued_card WHERE card_uuid IN (" + marks + ")")) {
            for (int i = 0; i < uuids.size(); i++) {
                select.setString(i + 1, uuids.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        return existing;
    }

    private static void insertIssued(Connection connection, List<IssuedCard> cards) throws SQLException {
        if (cards.isEmpty()) {
            return;
        }
        try (PreparedStatement card = connection.prepareStatement("INSERT INTO issued_card (card_uuid, service_id, "
                + "hook_instance, indicator, issued_at, issued_week, patient_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement rule = connection.prepareStatement(
                     "INSERT INTO issued_card_rule (card_uuid, rule_id, measure_name, measure_value) VALUES (?, ?, ?, ?)");
             PreparedStatement template = connection.prepareStatement(
                     "INSERT INTO issued_card_template (card_uuid, template_id) VALUES (?, ?)");
             PreparedStatement suggestion = connection.prepareStatement(
                     "INSERT INTO issued_suggestion (card_uuid, suggestion_uuid) VALUES (?, ?)")) {
            for (IssuedCard c : cards) {
                card.setString(1, c.cardUuid());
                card.setString(2, c.serviceId());
                card.setString(3, c.hookInstance().toString());
                card.setString(4, c.indicator());
                card.setObject(5, utc(c.issuedAt()));
                card.setString(6, c.issuedWeek());
                nullable(card, 7, c.patientKey());
                card.addBatch();
                for (String id : c.ruleIds()) {
                    RuleMeasure measure = c.measures().get(id);
                    rule.setString(1, c.cardUuid());
                    rule.setString(2, id);
                    nullable(rule, 3, measure == null ? null : measure.name());
                    if (measure == null) {
                        rule.setNull(4, Types.DOUBLE);
                    } else {
                        rule.setDouble(4, measure.value());
                    }
                    rule.addBatch();
                }
                for (String id : c.templateIds()) {
                    template.setString(1, c.cardUuid());
                    template.setString(2, id);
                    template.addBatch();
                }
                for (String id : c.suggestionUuids()) {
                    suggestion.setString(1, c.cardUuid());
                    suggestion.setString(2, id);
                    suggestion.addBatch();
                }
            }
            // parents first: the foreign keys are checked per statement
            card.executeBatch();
            rule.executeBatch();
            template.executeBatch();
            suggestion.executeBatch();
        }
    }

    // ---------------------------------------------------------------- feedback

    /**
     * Checks every item against the issued-cards log and stores the new ones, all in one transaction committed
     * before this returns. An item naming a card this service did not issue, or a suggestion that is not that
     * card's, refuses the whole batch ({@link InvalidRequestException} naming the field) and stores nothing. An item
     * already stored (same card, outcome, outcome instant and accepted suggestions) is counted as a duplicate.
     */
    public SubmitResult submit(String serviceId, List<FeedbackItem> items, Instant receivedAt) throws SQLException {
        try {
            return submitOnce(serviceId, items, receivedAt);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // The same item arrived twice at the same moment on two connections and the other one won: once more,
            // now it is a duplicate.
            return submitOnce(serviceId, items, receivedAt);
        }
    }

    private SubmitResult submitOnce(String serviceId, List<FeedbackItem> items, Instant receivedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                check(connection, serviceId, items);
                int stored = 0;
                Set<String> seen = new HashSet<>();
                for (FeedbackItem item : items) {
                    String key = item.dedupeKey();
                    if (seen.add(key) && !feedbackExists(connection, key)) {
                        String id = insertFeedback(connection, item, key, receivedAt);
                        insertSuppressions(connection, id, item);
                        stored++;
                    }
                }
                connection.commit();
                writeToFile(connection);
                return new SubmitResult(items.size(), stored, items.size() - stored);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /**
     * Puts what is committed on disk before feedback is acknowledged. PostgreSQL has written it to its log at commit.
     * H2 writes commits to its file in the background, within its write delay (datasource-h2.xml), and CHECKPOINT
     * writes them now: this feedback, and every issued card committed before it. One gap is H2's: when its background
     * writer took these changes an instant before, CHECKPOINT finds nothing left to write and returns while that
     * writer may still be writing them, for the milliseconds one write takes.
     */
    private static void writeToFile(Connection connection) throws SQLException {
        if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
        }
    }

    private static void check(Connection connection, String serviceId, List<FeedbackItem> items) throws SQLException {
        Map<String, Set<String>> suggestionsByCard = new HashMap<>();
        try (PreparedStatement card = connection.prepareStatement("SELECT service_id FROM issued_card WHERE card_uuid = ?");
             PreparedStatement suggestions = connection.prepareStatement(
                     "SELECT suggestion_uuid FROM issued_suggestion WHERE card_uuid = ?")) {
            for (FeedbackItem item : items) {
                if (!suggestionsByCard.containsKey(item.cardUuid())) {
                    card.setString(1, item.cardUuid());
                    boolean ours;
                    try (ResultSet rs = card.executeQuery()) {
                        ours = rs.next() && serviceId.equals(rs.getString(1));
                    }
                    if (!ours) {
                        // Unknown and "issued by another service" read the same: the caller learns nothing more.
                        throw new InvalidRequestException(item.path() + ".card", "'" + item.path()
                                + ".card' is not the uuid of a card this service issued; nothing in this request was stored");
                    }
                    Set<String> offered = new HashSet<>();
                    suggestions.setString(1, item.cardUuid());
                    try (ResultSet rs = suggestions.executeQuery()) {
                        while (rs.next()) {
                            offered.add(rs.getString(1));
                        }
                    }
                    suggestionsByCard.put(item.cardUuid(), offered);
                }
                Set<String> offered = suggestionsByCard.get(item.cardUuid());
                for (int j = 0; j < item.acceptedSuggestions().size(); j++) {
                    if (!offered.contains(item.acceptedSuggestions().get(j))) {
                        String field = item.path() + ".acceptedSuggestions[" + j + "].id";
                        throw new InvalidRequestException(field, "'" + field
                                + "' is not a suggestion of that card; nothing in this request was stored");
                    }
                }
            }
        }
    }

    private static boolean feedbackExists(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM feedback WHERE dedupe_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return the new feedback item's id */
    private static String insertFeedback(Connection connection, FeedbackItem item, String key, Instant receivedAt) throws SQLException {
        String id = UUID.randomUUID().toString();
        // with the patient's key of its card, by which alert hygiene finds it
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback (feedback_id, dedupe_key, card_uuid, "
                + "outcome, outcome_at, reason_system, reason_code, reason_display, user_comment, received_at, patient_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT patient_key FROM issued_card WHERE card_uuid = ?))")) {
            FeedbackItem.OverrideReason reason = item.overrideReason();
            insert.setString(1, id);
            insert.setString(2, key);
            insert.setString(3, item.cardUuid());
            insert.setString(4, item.outcome().code());
            insert.setObject(5, utc(item.outcomeTimestamp()));
            nullable(insert, 6, reason == null ? null : reason.system());
            nullable(insert, 7, reason == null ? null : reason.code());
            nullable(insert, 8, reason == null ? null : reason.display());
            nullable(insert, 9, reason == null ? null : reason.userComment());
            insert.setObject(10, utc(receivedAt));
            insert.setString(11, item.cardUuid());
            insert.executeUpdate();
        }
        if (!item.acceptedSuggestions().isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO feedback_suggestion (feedback_id, suggestion_uuid) VALUES (?, ?)")) {
                for (String suggestion : item.acceptedSuggestions()) {
                    insert.setString(1, id);
                    insert.setString(2, suggestion);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return id;
    }

    /**
     * An override with a coded reason, on a card issued for a known patient: one suppression row per rule of the card
     * (whether a rule is ever suppressed, and for how long, policy.yaml decides when the row is read).
     */
    private static void insertSuppressions(Connection connection, String feedbackId, FeedbackItem item) throws SQLException {
        if (item.outcome() != Outcome.OVERRIDDEN || item.overrideReason() == null || !item.overrideReason().hasReason()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO card_suppression (feedback_id, rule_id, "
                + "patient_key, overridden_at, reason_code, indicator, measure_name, measure_value) "
                + "SELECT ?, r.rule_id, c.patient_key, ?, ?, c.indicator, r.measure_name, r.measure_value "
                + "FROM issued_card c JOIN issued_card_rule r ON r.card_uuid = c.card_uuid "
                + "WHERE c.card_uuid = ? AND c.patient_key IS NOT NULL")) {
            insert.setString(1, feedbackId);
            insert.setObject(2, utc(item.outcomeTimestamp()));
            insert.setString(3, item.overrideReason().code());
            insert.setString(4, item.cardUuid());
            insert.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- alert hygiene

    /**
     * What the store knows about one patient's earlier cards: the overrides since {@code since} that may still suppress
     * a finding, and by rule the latest time a card was dealt with (accepted, or overridden with one of
     * {@code dealtWithReasons}).
     */
    public PatientHistory history(String patientKey, Instant since, Set<String> dealtWithReasons) throws SQLException {
        List<PastOverride> overrides = new ArrayList<>();
        Map<String, Instant> dealtWith = new HashMap<>();
        List<String> reasons = dealtWithReasons.stream().sorted().toList();
        String reasonFilter = reasons.isEmpty() ? "" : " OR f.reason_code IN (" + String.join(", ", reasons.stream().map(r -> "?").toList()) + ")";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT feedback_id, rule_id, overridden_at, reason_code, "
                     + "indicator, measure_name, measure_value FROM card_suppression WHERE patient_key = ? AND overridden_at >= ?");
             // from the patient's feedback, not from every card issued for the patient: those only grow
             PreparedStatement dealt = connection.prepareStatement("SELECT r.rule_id, MAX(f.outcome_at) FROM feedback f "
                     + "JOIN issued_card_rule r ON r.card_uuid = f.card_uuid "
                     + "WHERE f.patient_key = ? AND (f.outcome = 'accepted'" + reasonFilter + ") GROUP BY r.rule_id")) {
            select.setString(1, patientKey);
            select.setObject(2, utc(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble("measure_value");
                    Double measure = rs.wasNull() ? null : value;
                    overrides.add(new PastOverride(rs.getString("feedback_id"), rs.getString("rule_id"), instant(rs, "overridden_at"),
                            rs.getString("reason_code"), rs.getString("indicator"), rs.getString("measure_name"), measure));
                }
            }
            dealt.setString(1, patientKey);
            for (int i = 0; i < reasons.size(); i++) {
                dealt.setString(2 + i, reasons.get(i));
            }
            try (ResultSet rs = dealt.executeQuery()) {
                while (rs.next()) {
                    dealtWith.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return new PatientHistory(overrides, new health.flipside.facts.CardFeedback(dealtWith));
    }

    /** Counts one suppressed finding against each override that kept it from being shown (analytics). */
    public void countSuppressed(List<PastOverride> overrides, Instant at) throws SQLException {
        if (overrides.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE card_suppression SET suppressed_count = "
                     + "suppressed_count + 1, last_suppressed_at = ? WHERE feedback_id = ? AND rule_id = ?")) {
            for (PastOverride o : overrides) {
                update.setObject(1, utc(at));
                update.setString(2, o.feedbackId());
                update.setString(3, o.ruleId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    // ---------------------------------------------------------------- reading back

    /** A stored feedback item as analytics and tests read it. */
    public record StoredFeedback(String cardUuid, Outcome outcome, Instant outcomeTimestamp, List<String> acceptedSuggestions,
                                 FeedbackItem.OverrideReason overrideReason, Instant receivedAt) {
    }

    /** The feedback stored for one card, oldest outcome first. */
    public List<StoredFeedback> feedbackFor(String cardUuid) throws SQLException {
        String card = Uuids.normalize(cardUuid);
        Map<String, StoredFeedback> byId = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT feedback_id, outcome, outcome_at, reason_system, "
                     + "reason_code, reason_display, user_comment, received_at FROM feedback WHERE card_uuid = ? "
                     + "ORDER BY outcome_at, feedback_id");
             PreparedStatement suggestions = connection.prepareStatement(
                     "SELECT suggestion_uuid FROM feedback_suggestion WHERE feedback_id = ? ORDER BY suggestion_uuid")) {
            select.setString(1, card);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("reason_code");
                    String comment = rs.getString("user_comment");
                    FeedbackItem.OverrideReason reason = code == null && comment == null ? null
                            : new FeedbackItem.OverrideReason(rs.getString("reason_system"), code, rs.getString("reason_display"), comment);
                    byId.put(rs.getString("feedback_id"), new StoredFeedback(card,
                            Outcome.of(rs.getString("outcome")).orElseThrow(), instant(rs, "outcome_at"), List.of(), reason,
                            instant(rs, "received_at")));
                }
            }
            List<StoredFeedback> result = new ArrayList<>();
            for (Map.Entry<String, StoredFeedback> entry : byId.entrySet()) {
                List<String> accepted = new ArrayList<>();
                suggestions.setString(1, entry.getKey());
                try (ResultSet rs = suggestions.executeQuery()) {
                    while (rs.next()) {
                        accepted.add(rs.getString(1));
                    }
                }
                StoredFeedback f = entry.getValue();
                result.add(new StoredFeedback(f.cardUuid(), f.outcome(), f.outcomeTimestamp(), List.copyOf(accepted),
                        f.overrideReason(), f.receivedAt()));
            }
            return result;
        }
    }

    /** Whether the card is in the issued-cards log. */
    public boolean isIssued(String cardUuid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return !existingCards(connection, List.of(Uuids.normalize(cardUuid))).isEmpty();
        }
    }

    /** Rows in the feedback table. */
    public long feedbackCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM feedback");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- analytics

    /** Alert-fatigue figures per rule and per template (see {@link Analytics} for the definitions). */
    public Analytics analytics(Instant now) throws SQLException {
        return analytics(now, Map.of());
    }

    /** @param suppressionDays the period of every suppressed rule (policy.yaml), for what is active now */
    public Analytics analytics(Instant now, Map<String, Integer> suppressionDays) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new Analytics(now, totals(connection),
                    groups(connection, "issued_card_rule", "rule_id"),
                    groups(connection, "issued_card_template", "template_id"),
                    suppressions(connection, now, suppressionDays));
        }
    }

    private static List<Analytics.Suppression> suppressions(Connection connection, Instant now, Map<String, Integer> days)
            throws SQLException {
        List<Analytics.Suppression> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT rule_id, COUNT(*), SUM(suppressed_count) "
                + "FROM card_suppression GROUP BY rule_id ORDER BY rule_id");
             PreparedStatement active = connection.prepareStatement("SELECT COUNT(DISTINCT patient_key) FROM card_suppression "
                     + "WHERE rule_id = ? AND overridden_at > ?");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String rule = rs.getString(1);
                Integer period = days.get(rule);
                long patients = 0;
                if (period != null) {
                    active.setString(1, rule);
                    active.setObject(2, utc(now.minus(java.time.Duration.ofDays(period))));
                    try (ResultSet count = active.executeQuery()) {
                        count.next();
                        patients = count.getLong(1);
                    }
                }
                result.add(new Analytics.Suppression(rule, period, rs.getLong(2), patients, rs.getLong(3)));
            }
        }
        return result;
    }

    /** Per card: 1 when it has at least one accepted (overridden) feedback item. */
    private static final String CARD_OUTCOMES = "SELECT card_uuid, "
            + "MAX(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END) AS accepted, "
            + "MAX(CASE WHEN outcome = 'overridden' THEN 1 ELSE 0 END) AS overridden "
            + "FROM feedback GROUP BY card_uuid";

    private static Analytics.Totals totals(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), SUM(COALESCE(f.accepted, 0)), "
                + "SUM(COALESCE(f.overridden, 0)) FROM issued_card c LEFT JOIN (" + CARD_OUTCOMES + ") f ON f.card_uuid = c.card_uuid");
             PreparedStatement items = connection.prepareStatement("SELECT COUNT(*) FROM feedback");
             ResultSet rs = select.executeQuery();
             ResultSet count = items.executeQuery()) {
            rs.next();
            count.next();
            return Analytics.Totals.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), count.getLong(1));
        }
    }

    /** @param table issued_card_rule or issued_card_template (constants, never request input) */
    private static List<Analytics.Group> groups(Connection connection, String table, String idColumn) throws SQLException {
        Map<String, List<Analytics.Week>> weeks = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT g." + idColumn + ", c.issued_week, COUNT(*), "
                + "SUM(COALESCE(f.accepted, 0)), SUM(COALESCE(f.overridden, 0)) "
                + "FROM issued_card c JOIN " + table + " g ON g.card_uuid = c.card_uuid "
                + "LEFT JOIN (" + CARD_OUTCOMES + ") f ON f.card_uuid = c.card_uuid "
                + "GROUP BY g." + idColumn + ", c.issued_week ORDER BY g." + idColumn + ", c.issued_week");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                weeks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(Analytics.Week.of(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        Map<String, List<Analytics.ReasonCount>> reasons = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT g." + idColumn + ", fb.reason_system, fb.reason_code, "
                + "MAX(fb.reason_display), COUNT(DISTINCT fb.card_uuid) "
                + "FROM feedback fb JOIN " + table + " g ON g.card_uuid = fb.card_uuid "
                + "WHERE fb.outcome = 'overridden' "
                + "GROUP BY g." + idColumn + ", fb.reason_system, fb.reason_code");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                reasons.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Analytics.ReasonCount(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        }
        List<Analytics.Group> groups = new ArrayList<>();
        weeks.forEach((id, perWeek) -> groups.add(Analytics.Group.of(id, perWeek, reasons.getOrDefault(id, List.of()))));
        return groups;
    }

    // ---------------------------------------------------------------- helpers

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void nullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
