-- Custos schema version 1 (MariaDB): the SDK's own tables.
-- Every DATETIME(6) column holds UTC, to the microsecond (as PostgreSQL's TIMESTAMP): DATETIME rather than
-- TIMESTAMP, because MariaDB converts TIMESTAMP values through the session's time zone and ends them in 2038.
-- Text that does not apply is NULL. Every table is InnoDB (transactions, row locks, foreign keys) in utf8mb4
-- with the binary collation utf8mb4_bin, so that keys compare and sort by code point, case-sensitively, as
-- on Derby and PostgreSQL ('Subject-1' and 'subject-1' are two subjects).

-- One secret key per data subject: the audit trail and the consent ledger name subjects only by a keyed
-- pseudonym (HMAC-SHA256, "ps1:" + 32 hex digits). Deleting a subject's row shreds the key, after which
-- the pseudonyms in the trail can no longer be linked to the person.
CREATE TABLE custos_subject_key (
    subject_id  VARCHAR(200) NOT NULL,
    key_bytes   VARBINARY(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_subject_key_pk PRIMARY KEY (subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The consent ledger: one row per consent given, withdrawn or expired, never changed afterwards.
CREATE TABLE custos_consent_event (
    event_seq       BIGINT NOT NULL AUTO_INCREMENT,
    subject_ref     VARCHAR(40) NOT NULL,
    purpose         VARCHAR(100) NOT NULL,
    event_type      VARCHAR(16) NOT NULL,
    occurred_at     DATETIME(6) NOT NULL,
    notice_version  VARCHAR(100),
    expires_at      DATETIME(6),
    recorded_by     VARCHAR(200) NOT NULL,
    recorded_at     DATETIME(6) NOT NULL,
    CONSTRAINT custos_consent_event_pk PRIMARY KEY (event_seq),
    CONSTRAINT custos_consent_event_type_ck CHECK (event_type IN ('GIVEN', 'WITHDRAWN', 'EXPIRED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The audit trail: hash-chained records (format custos-audit-v1), never changed afterwards.
-- field_names lists the fields involved, sorted, separated by commas.
CREATE TABLE custos_audit_record (
    chain_id       SMALLINT NOT NULL,
    record_seq     BIGINT NOT NULL,
    occurred_at    DATETIME(6) NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    subject_ref    VARCHAR(40),
    action         VARCHAR(32) NOT NULL,
    entity_name    VARCHAR(200),
    entity_id      VARCHAR(200),
    field_names    VARCHAR(2000),
    purpose        VARCHAR(100),
    legal_basis    VARCHAR(64),
    outcome        VARCHAR(16) NOT NULL,
    detail         VARCHAR(2000),
    previous_hash  CHAR(64) NOT NULL,
    record_hash    CHAR(64) NOT NULL,
    CONSTRAINT custos_audit_record_pk PRIMARY KEY (chain_id, record_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The head of each audit chain, created by the first append: every append locks this row, so appends to a
-- chain are serialised, and a trail cut short behind the head's back is detected by verification.
CREATE TABLE custos_audit_head (
    chain_id    SMALLINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_audit_head_pk PRIMARY KEY (chain_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Data-subject requests (GDPR Art. 15-22). subject_id is cleared when the subject is erased;
-- subject_ref (the pseudonym) stays. version is incremented by every change (optimistic locking).
CREATE TABLE custos_request (
    request_id            VARCHAR(100) NOT NULL,
    subject_id            VARCHAR(200),
    subject_ref           VARCHAR(40) NOT NULL,
    request_type          VARCHAR(32) NOT NULL,
    state                 VARCHAR(32) NOT NULL,
    received_at           DATETIME(6) NOT NULL,
    zone_id               VARCHAR(64) NOT NULL,
    deadline_at           DATETIME(6) NOT NULL,
    deadline_basis        VARCHAR(200) NOT NULL,
    extended_deadline_at  DATETIME(6),
    refusal_reason        VARCHAR(2000),
    refusal_citation      VARCHAR(200),
    version               BIGINT NOT NULL,
    CONSTRAINT custos_request_pk PRIMARY KEY (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every move of a request, in order: who did what, when and why.
CREATE TABLE custos_request_transition (
    request_id      VARCHAR(100) NOT NULL,
    transition_seq  INTEGER NOT NULL,
    from_state      VARCHAR(32) NOT NULL,
    to_state        VARCHAR(32) NOT NULL,
    occurred_at     DATETIME(6) NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    reason          VARCHAR(2000),
    CONSTRAINT custos_request_transition_pk PRIMARY KEY (request_id, transition_seq),
    CONSTRAINT custos_request_transition_request_fk FOREIGN KEY (request_id) REFERENCES custos_request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Legal holds: data kept past its retention while a case is pending. entity_name and entity_id are NULL
-- when the hold covers everything about the subject.
CREATE TABLE custos_legal_hold (
    hold_id      VARCHAR(100) NOT NULL,
    subject_id   VARCHAR(200) NOT NULL,
    entity_name  VARCHAR(200),
    entity_id    VARCHAR(200),
    reason_id    VARCHAR(100) NOT NULL,
    placed_at    DATETIME(6) NOT NULL,
    placed_by    VARCHAR(200) NOT NULL,
    released_at  DATETIME(6),
    released_by  VARCHAR(200),
    note         VARCHAR(2000),
    CONSTRAINT custos_legal_hold_pk PRIMARY KEY (hold_id),
    CONSTRAINT custos_legal_hold_entity_ck CHECK (entity_id IS NULL OR entity_name IS NOT NULL),
    CONSTRAINT custos_legal_hold_release_ck CHECK ((released_at IS NULL AND released_by IS NULL)
        OR (released_at IS NOT NULL AND released_by IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What was erased, when and under which rule. The unique constraint lets an erasure be logged only once,
-- which makes the retention sweep safe to repeat. attributes lists the erased attributes, sorted, separated
-- by commas ('*' for the whole row).
CREATE TABLE custos_erasure_log (
    erasure_seq  BIGINT NOT NULL AUTO_INCREMENT,
    run_id       VARCHAR(100) NOT NULL,
    entity_name  VARCHAR(200) NOT NULL,
    entity_id    VARCHAR(200) NOT NULL,
    attributes   VARCHAR(1000) NOT NULL,
    strategy     VARCHAR(32) NOT NULL,
    rule_id      VARCHAR(200) NOT NULL,
    due_at       DATETIME(6) NOT NULL,
    erased_at    DATETIME(6) NOT NULL,
    subject_ref  VARCHAR(40),
    CONSTRAINT custos_erasure_log_pk PRIMARY KEY (erasure_seq),
    -- 1,600 characters are more than an InnoDB index key holds (3,072 bytes): MariaDB keeps the constraint as
    -- a hash of the four columns, which is unique all the same.
    CONSTRAINT custos_erasure_log_once_uk UNIQUE (entity_name, entity_id, attributes, rule_id) USING HASH
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Leases, so that one node at a time runs the retention sweep.
CREATE TABLE custos_sweep_lease (
    lease_name   VARCHAR(100) NOT NULL,
    holder       VARCHAR(200) NOT NULL,
    lock_until   DATETIME(6) NOT NULL,
    acquired_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_sweep_lease_pk PRIMARY KEY (lease_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
