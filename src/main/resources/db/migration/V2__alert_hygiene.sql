-- Alert hygiene (issue 9): a card overridden with a reason is not shown again for the same patient, rule and data
-- for a period set per rule in cds-cards/policy.yaml. Portable SQL (H2 2.x and PostgreSQL), like V1.
--
-- The patient is never stored: patient_key is a keyed hash, hex HMAC-SHA-256 under a server secret
-- (FLIPSIDE_PATIENT_KEY, see README "Alert hygiene") of the EHR's FHIR server and patient id. Without the secret the
-- key cannot be tied back to a patient id, and two rows with the same key are the same patient.

-- The patient of each issued card (null for cards issued before this version or without a patient in context).
ALTER TABLE issued_card ADD COLUMN patient_key VARCHAR(64);
CREATE INDEX ix_issued_card_patient ON issued_card (patient_key);

-- "The data" a card's finding rested on: the number policy.yaml names as the rule's measure (e.g. home.meanSystolic),
-- recorded at issue time so that an override can be compared with later findings. Null when the rule has no measure.
ALTER TABLE issued_card_rule ADD COLUMN measure_name VARCHAR(200);
ALTER TABLE issued_card_rule ADD COLUMN measure_value DOUBLE PRECISION;

-- One row per rule of a card overridden with a coded reason: written with the feedback, in its transaction. Whether a
-- row still suppresses is decided when it is read, with the period policy.yaml gives the rule then (a changed period
-- applies at once). suppressed_count counts the findings it kept from being shown (analytics).
CREATE TABLE card_suppression (
    feedback_id        VARCHAR(36)  NOT NULL,
    rule_id            VARCHAR(200) NOT NULL,
    patient_key        VARCHAR(64)  NOT NULL,
    overridden_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason_code        VARCHAR(200) NOT NULL,
    indicator          VARCHAR(16)  NOT NULL,
    measure_name       VARCHAR(200),
    measure_value      DOUBLE PRECISION,
    suppressed_count   BIGINT       DEFAULT 0 NOT NULL,
    last_suppressed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_card_suppression PRIMARY KEY (feedback_id, rule_id),
    CONSTRAINT fk_card_suppression_feedback FOREIGN KEY (feedback_id) REFERENCES feedback (feedback_id)
);
CREATE INDEX ix_card_suppression_patient ON card_suppression (patient_key, overridden_at);
CREATE INDEX ix_card_suppression_rule ON card_suppression (rule_id);
