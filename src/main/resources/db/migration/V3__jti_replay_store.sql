-- The shared replay store (health.flipside.security.PostgresJtiStore, flipside.security.replay.store=postgresql): one
-- row per JWT accepted by any replica until it expires, so a token is accepted once across all of them. Created on H2
-- too (portable SQL, like V1) but used on PostgreSQL only.
--
-- No token is stored: jti_key is hex SHA-256 of the issuer and the jti together. expires_at is the token's exp plus the
-- clock skew; a row past it may be reused by a new token with the same jti and is purged now and then.
CREATE TABLE jti_seen (
    jti_key    VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_jti_seen PRIMARY KEY (jti_key)
);
CREATE INDEX ix_jti_seen_expires ON jti_seen (expires_at);
