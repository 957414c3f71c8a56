-- Issued-cards log and CDS Hooks feedback (health.flipside.feedback). Portable SQL: runs unchanged on H2 2.x and
-- PostgreSQL (CI runs the store tests on both). No patient data in the issued-cards log: ids of cards, rules,
-- templates and suggestions, the hookInstance, and times only. feedback.user_comment is clinician free text and may
-- contain patient information: it is stored for analytics and never logged.

-- One row per card Flipside returned.
CREATE TABLE issued_card (
    card_uuid     VARCHAR(36)  NOT NULL,
    service_id    VARCHAR(100) NOT NULL,
    hook_instance VARCHAR(36)  NOT NULL,
    indicator     VARCHAR(16)  NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- ISO 8601 week of issued_at in UTC, e.g. 2026-W47: analytics group by it without database-specific date functions.
    issued_week   VARCHAR(8)   NOT NULL,
    CONSTRAINT pk_issued_card PRIMARY KEY (card_uuid)
);
CREATE INDEX ix_issued_card_week ON issued_card (issued_week);

-- The rules whose findings a card shows (a merged info card has several).
CREATE TABLE issued_card_rule (
    card_uuid VARCHAR(36)  NOT NULL,
    rule_id   VARCHAR(200) NOT NULL,
    CONSTRAINT pk_issued_card_rule PRIMARY KEY (card_uuid, rule_id),
    CONSTRAINT fk_issued_card_rule_card FOREIGN KEY (card_uuid) REFERENCES issued_card (card_uuid)
);
CREATE INDEX ix_issued_card_rule_rule ON issued_card_rule (rule_id);

-- The card templates (cds-cards/) a card was rendered from.
CREATE TABLE issued_card_template (
    card_uuid   VARCHAR(36)  NOT NULL,
    template_id VARCHAR(200) NOT NULL,
    CONSTRAINT pk_issued_card_template PRIMARY KEY (card_uuid, template_id),
    CONSTRAINT fk_issued_card_template_card FOREIGN KEY (card_uuid) REFERENCES issued_card (card_uuid)
);
CREATE INDEX ix_issued_card_template_template ON issued_card_template (template_id);

-- The suggestions a card offered: an accepted suggestion must be one of its own card's.
CREATE TABLE issued_suggestion (
    card_uuid       VARCHAR(36) NOT NULL,
    suggestion_uuid VARCHAR(36) NOT NULL,
    CONSTRAINT pk_issued_suggestion PRIMARY KEY (card_uuid, suggestion_uuid),
    CONSTRAINT fk_issued_suggestion_card FOREIGN KEY (card_uuid) REFERENCES issued_card (card_uuid)
);

-- One row per distinct feedback item (CDS Hooks 2.0 "Feedback"). dedupe_key = SHA-256 of card, outcome, outcome
-- instant and the sorted accepted suggestions: the same item sent again is recognised and not stored twice.
CREATE TABLE feedback (
    feedback_id    VARCHAR(36)   NOT NULL,
    dedupe_key     VARCHAR(64)   NOT NULL,
    card_uuid      VARCHAR(36)   NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,
    outcome_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_system  VARCHAR(500),
    reason_code    VARCHAR(200),
    reason_display VARCHAR(500),
    user_comment   VARCHAR(8000),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_feedback PRIMARY KEY (feedback_id),
    CONSTRAINT uq_feedback_dedupe UNIQUE (dedupe_key),
    CONSTRAINT fk_feedback_card FOREIGN KEY (card_uuid) REFERENCES issued_card (card_uuid),
    CONSTRAINT ck_feedback_outcome CHECK (outcome IN ('accepted', 'overridden'))
);
CREATE INDEX ix_feedback_card ON feedback (card_uuid);

CREATE TABLE feedback_suggestion (
    feedback_id     VARCHAR(36) NOT NULL,
    suggestion_uuid VARCHAR(36) NOT NULL,
    CONSTRAINT pk_feedback_suggestion PRIMARY KEY (feedback_id, suggestion_uuid),
    CONSTRAINT fk_feedback_suggestion_feedback FOREIGN KEY (feedback_id) REFERENCES feedback (feedback_id)
);
