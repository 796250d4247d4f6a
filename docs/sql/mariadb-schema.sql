-- Custos schema for MariaDB, version 13, as plain DDL.
-- Generated from sdk-jpa/src/main/resources/db/custos/mariadb/ by the docs module; do not edit by hand.
--
-- For DBAs who apply schema by hand. Applications that call CustosSchema.migrate need none
-- of this: Flyway applies the same scripts and records them in custos_schema_history.
-- If you apply this file by hand, do not also let CustosSchema.migrate run on the database.
-- Every date-time column holds UTC.

-- ===== V1__custos_tables.sql =====

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

-- ===== V2__append_only_and_indexes.sql =====

-- Custos schema version 2 (MariaDB): append-only enforcement and indexes.

-- Indexes for the questions auditors and Custos ask.
-- "everything about subject X between two dates":
CREATE INDEX custos_audit_record_subject_ix ON custos_audit_record (subject_ref, occurred_at);
-- a subject's consent for a purpose, in ledger order:
CREATE INDEX custos_consent_event_subject_ix ON custos_consent_event (subject_ref, purpose, event_seq);
-- open requests by deadline:
CREATE INDEX custos_request_state_ix ON custos_request (state, deadline_at);
CREATE INDEX custos_request_subject_ix ON custos_request (subject_id);
-- holds of a subject:
CREATE INDEX custos_legal_hold_subject_ix ON custos_legal_hold (subject_id, released_at);
-- what one sweep run erased:
CREATE INDEX custos_erasure_log_run_ix ON custos_erasure_log (run_id);

-- Append-only, enforced by the database: UPDATE and DELETE on an append-only table fire a BEFORE trigger that
-- raises CUSTOS-04010 (SQLSTATE 45000, "unhandled user-defined exception"), and InnoDB rolls the statement back.
-- An account with the TRIGGER privilege on these tables can drop the triggers: let the application connect
-- as an account that does not have it, and grant it only SELECT and INSERT on these four tables.
CREATE TRIGGER custos_consent_event_no_update BEFORE UPDATE ON custos_consent_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_consent_event is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_consent_event_no_delete BEFORE DELETE ON custos_consent_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_consent_event is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';

CREATE TRIGGER custos_audit_record_no_update BEFORE UPDATE ON custos_audit_record FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_audit_record is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_audit_record_no_delete BEFORE DELETE ON custos_audit_record FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_audit_record is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';

CREATE TRIGGER custos_request_transition_no_update BEFORE UPDATE ON custos_request_transition FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_request_transition is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_request_transition_no_delete BEFORE DELETE ON custos_request_transition FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_request_transition is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';

CREATE TRIGGER custos_erasure_log_no_update BEFORE UPDATE ON custos_erasure_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_erasure_log is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_erasure_log_no_delete BEFORE DELETE ON custos_erasure_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_erasure_log is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';

-- TRUNCATE TABLE fires no trigger on MariaDB, so no trigger can stop it. InnoDB refuses to truncate a table
-- that a foreign key references (error 1701, SQLSTATE 42000), so, as on Derby, these tables stay empty and
-- exist only to hold such foreign keys, named <table>_no_truncate. A session can switch foreign_key_checks
-- off, though, and then TRUNCATE goes through: the guard that holds is the grants. TRUNCATE needs the DROP
-- privilege, so run the migrations as another account and grant the application's account only SELECT and
-- INSERT on the append-only tables, for example
--   REVOKE ALL PRIVILEGES ON custos.custos_audit_record FROM 'app'@'%';
--   GRANT SELECT, INSERT ON custos.custos_audit_record TO 'app'@'%';
-- and no database-wide grant (GRANT ... ON custos.*) of ALL, DROP, DELETE, UPDATE or TRIGGER: privileges add
-- up, and a table-level REVOKE cannot take back what a database-wide grant gives.
CREATE TABLE custos_consent_event_keep (
    event_seq  BIGINT,
    CONSTRAINT custos_consent_event_no_truncate FOREIGN KEY (event_seq)
        REFERENCES custos_consent_event (event_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE custos_audit_record_keep (
    chain_id    SMALLINT,
    record_seq  BIGINT,
    CONSTRAINT custos_audit_record_no_truncate FOREIGN KEY (chain_id, record_seq)
        REFERENCES custos_audit_record (chain_id, record_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE custos_erasure_log_keep (
    erasure_seq  BIGINT,
    CONSTRAINT custos_erasure_log_no_truncate FOREIGN KEY (erasure_seq)
        REFERENCES custos_erasure_log (erasure_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE custos_request_transition_keep (
    request_id      VARCHAR(100),
    transition_seq  INTEGER,
    CONSTRAINT custos_request_transition_no_truncate FOREIGN KEY (request_id, transition_seq)
        REFERENCES custos_request_transition (request_id, transition_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ===== V3__restriction.sql =====

-- Custos schema version 3 (MariaDB): restriction of processing (GDPR Art. 18).

-- A restriction placed on a data subject's data by a data-subject request: while lifted_at is NULL the data
-- is only stored, not otherwise processed. Lifting a restriction sets lifted_at; the row stays as the record
-- that the data was restricted and when.
CREATE TABLE custos_restriction (
    subject_id  VARCHAR(200) NOT NULL,
    request_id  VARCHAR(100) NOT NULL,
    placed_at   DATETIME(6) NOT NULL,
    lifted_at   DATETIME(6),
    CONSTRAINT custos_restriction_pk PRIMARY KEY (request_id),
    CONSTRAINT custos_restriction_request_fk FOREIGN KEY (request_id) REFERENCES custos_request (request_id),
    CONSTRAINT custos_restriction_lift_ck CHECK (lifted_at IS NULL OR lifted_at >= placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- restrictions in force for a subject:
CREATE INDEX custos_restriction_subject_ix ON custos_restriction (subject_id, lifted_at);

-- ===== V4__wider_legal_basis.sql =====

-- An audit record lists every legal basis of the fields it names (GDPR Art. 6(1)(a) ... joined with "; "):
-- 64 characters held three at most.
ALTER TABLE custos_audit_record MODIFY COLUMN legal_basis VARCHAR(1000);

-- ===== V5__subject_data_key.sql =====

-- Custos schema version 5 (MariaDB): per-subject data keys for CRYPTO_SHRED.

-- One AES-256 key per data subject, under which the values of CRYPTO_SHRED attributes are stored encrypted
-- ("cs1:" + Base64 of IV and AES-GCM ciphertext). Separate from the pseudonym keys of custos_subject_key.
-- Deleting a subject's row shreds the key: every CRYPTO_SHRED value of the subject then reads as null.
CREATE TABLE custos_subject_data_key (
    subject_id  VARCHAR(200) NOT NULL,
    key_bytes   VARBINARY(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_subject_data_key_pk PRIMARY KEY (subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ===== V6__subject_key_shred_after.sql =====

-- Custos schema version 6 (MariaDB): pseudonym keys kept for a while after erasure.

-- When the policy pack requires the audit to keep identifying an erased subject (<audit-identity>), erasure
-- sets shred_after instead of deleting the subject's pseudonym key, and the retention sweep deletes the keys
-- whose shred_after has passed. NULL, as in every row written before this version, means the key is in use.
ALTER TABLE custos_subject_key ADD COLUMN shred_after DATETIME(6);
-- the sweep's look-up of keys due for destruction (MariaDB has no partial indexes, so the NULLs of keys in use
-- are indexed too):
CREATE INDEX custos_subject_key_shred_ix ON custos_subject_key (shred_after);

-- ===== V7__consent_ledger_chain.sql =====

-- Custos schema version 7 (MariaDB): the consent ledger becomes a hash chain.

-- Every consent event is chained as the audit trail is (format custos-audit-v1, see ConsentLedger): chain_seq
-- is its place in the chain (1, 2, ... without gaps, unlike event_seq), previous_hash and record_hash tie it to
-- the event before. Rows written before this version are NULL here until Custos chains them, in event_seq
-- order, when it records the first consent event after the upgrade.
ALTER TABLE custos_consent_event ADD COLUMN chain_seq BIGINT, ADD COLUMN previous_hash CHAR(64),
    ADD COLUMN record_hash CHAR(64);
ALTER TABLE custos_consent_event ADD CONSTRAINT custos_consent_event_chain_uq UNIQUE (chain_seq);

-- The head of the ledger's chain, one row created by the first consent event: every consent event moves it, so
-- a cut-off tail shows as a head pointing past the last row.
CREATE TABLE custos_consent_head (
    head_id     SMALLINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_consent_head_pk PRIMARY KEY (head_id),
    CONSTRAINT custos_consent_head_one_ck CHECK (head_id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Still append-only, with one exception: chaining a row written before this version, which fills its NULL
-- chain columns and changes nothing else.
DROP TRIGGER custos_consent_event_no_update;
DELIMITER //
CREATE TRIGGER custos_consent_event_no_update BEFORE UPDATE ON custos_consent_event FOR EACH ROW
    IF NOT (OLD.record_hash IS NULL AND NEW.record_hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
            AND NEW.previous_hash IS NOT NULL AND NEW.event_seq <=> OLD.event_seq
            AND NEW.subject_ref <=> OLD.subject_ref AND NEW.purpose <=> OLD.purpose
            AND NEW.event_type <=> OLD.event_type AND NEW.occurred_at <=> OLD.occurred_at
            AND NEW.notice_version <=> OLD.notice_version AND NEW.expires_at <=> OLD.expires_at
            AND NEW.recorded_by <=> OLD.recorded_by AND NEW.recorded_at <=> OLD.recorded_at) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_consent_event is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
    END IF//
DELIMITER ;

-- ===== V8__decision.sql =====

-- Custos schema version 8 (MariaDB): decisions by a person on erasure lines left for review.

-- Erasure lines kept for a person's decision: the values an erasure request or consent withdrawal left for
-- review (origin REQUEST, origin_id the request) and the rows a sweep found due under a rule that asks for a
-- review (origin SWEEP, origin_id the rule). outcome is NULL while the line waits for a decision, then ERASE or
-- KEEP, with who decided, when and why. Rows name the data subject by pseudonym only.
CREATE TABLE custos_decision (
    decision_id  VARCHAR(100) NOT NULL,
    origin       VARCHAR(16) NOT NULL,
    origin_id    VARCHAR(200) NOT NULL,
    entity_name  VARCHAR(200) NOT NULL,
    entity_id    VARCHAR(200) NOT NULL,
    attributes   VARCHAR(1000) NOT NULL,
    rule_id      VARCHAR(200) NOT NULL,
    citation     VARCHAR(1000) NOT NULL,
    subject_ref  VARCHAR(40),
    opened_at    DATETIME(6) NOT NULL,
    outcome      VARCHAR(16),
    reason       VARCHAR(2000),
    decided_by   VARCHAR(200),
    decided_at   DATETIME(6),
    CONSTRAINT custos_decision_pk PRIMARY KEY (decision_id),
    -- more characters than an InnoDB index key holds: MariaDB keeps the constraint as a hash, unique all the same
    CONSTRAINT custos_decision_line_uq UNIQUE (origin, origin_id, entity_name, entity_id, attributes) USING HASH,
    CONSTRAINT custos_decision_origin_ck CHECK (origin IN ('REQUEST', 'SWEEP')),
    CONSTRAINT custos_decision_outcome_ck CHECK ((outcome IS NULL AND decided_at IS NULL)
        OR (outcome IN ('ERASE', 'KEEP') AND decided_at IS NOT NULL AND decided_by IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- the lines waiting for a decision:
CREATE INDEX custos_decision_open_ix ON custos_decision (outcome, opened_at);

-- ===== V9__consent_evidence.sql =====

-- Custos schema version 9 (MariaDB): consent events carry their evidence.

-- The evidence a consent was recorded with (GDPR Art. 7(1)), NULL where none was recorded and in every row
-- written before this version: evidence_form how it was given (WRITTEN, ELECTRONIC or ORAL), evidence_ref where
-- the document or form is (never a person), evidence_date the date it bears; for a child's consent to an
-- information society service (GDPR Art. 8), age_band the whole years the subject is at least ('16+'), and
-- parental_auth_ref a keyed pseudonym ('ps1:' + 32 hex digits, under the subject's key) of the reference to the
-- authorisation by the holder of parental responsibility, never the holder in clear. Rows with evidence hash it
-- into their chain record; rows without hash as before, so earlier rows still verify.
ALTER TABLE custos_consent_event ADD COLUMN evidence_form VARCHAR(16), ADD COLUMN evidence_ref VARCHAR(200),
    ADD COLUMN evidence_date DATE, ADD COLUMN age_band VARCHAR(8), ADD COLUMN parental_auth_ref VARCHAR(40);
ALTER TABLE custos_consent_event ADD CONSTRAINT custos_consent_event_form_ck
    CHECK (evidence_form IS NULL OR evidence_form IN ('WRITTEN', 'ELECTRONIC', 'ORAL'));

-- Still append-only, with the one exception of version 7 (chaining a row written before it), which must leave
-- the evidence columns as they are too.
DROP TRIGGER custos_consent_event_no_update;
DELIMITER //
CREATE TRIGGER custos_consent_event_no_update BEFORE UPDATE ON custos_consent_event FOR EACH ROW
    IF NOT (OLD.record_hash IS NULL AND NEW.record_hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
            AND NEW.previous_hash IS NOT NULL AND NEW.event_seq <=> OLD.event_seq
            AND NEW.subject_ref <=> OLD.subject_ref AND NEW.purpose <=> OLD.purpose
            AND NEW.event_type <=> OLD.event_type AND NEW.occurred_at <=> OLD.occurred_at
            AND NEW.notice_version <=> OLD.notice_version AND NEW.expires_at <=> OLD.expires_at
            AND NEW.recorded_by <=> OLD.recorded_by AND NEW.recorded_at <=> OLD.recorded_at
            AND NEW.evidence_form <=> OLD.evidence_form AND NEW.evidence_ref <=> OLD.evidence_ref
            AND NEW.evidence_date <=> OLD.evidence_date AND NEW.age_band <=> OLD.age_band
            AND NEW.parental_auth_ref <=> OLD.parental_auth_ref) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_consent_event is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
    END IF//
DELIMITER ;

-- ===== V10__signed_checkpoint.sql =====

-- Custos schema version 10 (MariaDB): signed checkpoints of the hash chains.

-- Signed checkpoints of the hash chains: the head of an audit chain (chain_name audit, chain_id its chain) or of
-- the consent ledger (chain_name ledger, chain_id 0) at signed_at, signed with the operator's Ed25519 key
-- (custos.checkpoint.signing-key; format custos-checkpoint-v1 of sdk-core's CheckpointSignatures, signature in
-- Base64). The key is never in the database, so a chain cut short below a signed checkpoint, or rewritten with
-- recomputed hashes, is found by custos-verifier with the public key alone. Append-only, like the chains.
CREATE TABLE custos_checkpoint (
    chain_name  VARCHAR(16) NOT NULL,
    chain_id    SMALLINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    signed_at   DATETIME(6) NOT NULL,
    signature   VARCHAR(100) NOT NULL,
    CONSTRAINT custos_checkpoint_pk PRIMARY KEY (chain_name, chain_id, last_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- append-only as the tables of version 2 (CUSTOS-04010)
CREATE TRIGGER custos_checkpoint_no_update BEFORE UPDATE ON custos_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_checkpoint is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_checkpoint_no_delete BEFORE DELETE ON custos_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_checkpoint is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
-- TRUNCATE fires no trigger: as in version 2, a foreign key from an empty table refuses it (while
-- foreign_key_checks is on; the grants are the guard that holds)
CREATE TABLE custos_checkpoint_keep (
    chain_name  VARCHAR(16),
    chain_id    SMALLINT,
    last_seq    BIGINT,
    CONSTRAINT custos_checkpoint_no_truncate FOREIGN KEY (chain_name, chain_id, last_seq)
        REFERENCES custos_checkpoint (chain_name, chain_id, last_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- ===== V11__audit_row_lists.sql =====

-- A read-audit record names every row of one query result it covers, for one subject and entity: their ids,
-- separated by commas (a comma or backslash inside an id is preceded by a backslash). Rows written before keep
-- their one id; the column only grows, so every stored chain verifies as before. MEDIUMTEXT: a VARCHAR of 32,000
-- characters would not fit InnoDB's row size in utf8mb4.
ALTER TABLE custos_audit_record MODIFY COLUMN entity_id MEDIUMTEXT;

-- ===== V12__subject_change.sql =====

-- Custos schema version 12 (MariaDB): what tells a node which subjects' consent or restriction changed.

-- A node keeps each subject's restriction and consent events between reads, and asks this table once per read
-- which of them changed since. Row -1 is a counter: every consent event, every restriction placed, lifted or
-- pseudonymised and every pseudonym key destroyed increments it, in the same transaction as the change, and sets
-- change_seq of the subject's bucket (a hash of the subject id, 0 to 1023) to the new count. The counter's row
-- lock orders these changes, so a reader that saw count n has seen every change up to n. No subject is named.
CREATE TABLE custos_subject_change (
    bucket      INTEGER NOT NULL,
    change_seq  BIGINT NOT NULL,
    CONSTRAINT custos_subject_change_pk PRIMARY KEY (bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- the buckets changed since a count:
CREATE INDEX custos_subject_change_seq_ix ON custos_subject_change (change_seq);
INSERT INTO custos_subject_change (bucket, change_seq) VALUES (-1, 0);

-- ===== V13__audit_partitions.sql =====

-- Custos schema version 13 (MariaDB): nothing changes.

-- On PostgreSQL this version partitions the audit trail by month, for the audit trail's own retention
-- (custos.audit.retention). MariaDB keeps custos_audit_record as one table, and its records are kept for good.
-- The version exists so that every database counts its versions alike.
SELECT 1;
