-- Custos schema for PostgreSQL, version 13, as plain DDL.
-- Generated from sdk-jpa/src/main/resources/db/custos/postgresql/ by the docs module; do not edit by hand.
--
-- For DBAs who apply schema by hand. Applications that call CustosSchema.migrate need none
-- of this: Flyway applies the same scripts and records them in custos_schema_history.
-- If you apply this file by hand, do not also let CustosSchema.migrate run on the database.
-- Every date-time column holds UTC.

-- ===== V1__custos_tables.sql =====

-- Custos schema version 1 (PostgreSQL): the SDK's own tables.
-- Every TIMESTAMP column holds UTC. Text that does not apply is NULL.

-- One secret key per data subject: the audit trail and the consent ledger name subjects only by a keyed
-- pseudonym (HMAC-SHA256, "ps1:" + 32 hex digits). Deleting a subject's row shreds the key, after which
-- the pseudonyms in the trail can no longer be linked to the person.
CREATE TABLE custos_subject_key (
    subject_id  VARCHAR(200) NOT NULL,
    key_bytes   BYTEA NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    CONSTRAINT custos_subject_key_pk PRIMARY KEY (subject_id)
);

-- The consent ledger: one row per consent given, withdrawn or expired, never changed afterwards.
CREATE TABLE custos_consent_event (
    event_seq       BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY,
    subject_ref     VARCHAR(40) NOT NULL,
    purpose         VARCHAR(100) NOT NULL,
    event_type      VARCHAR(16) NOT NULL,
    occurred_at     TIMESTAMP NOT NULL,
    notice_version  VARCHAR(100),
    expires_at      TIMESTAMP,
    recorded_by     VARCHAR(200) NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    CONSTRAINT custos_consent_event_pk PRIMARY KEY (event_seq),
    CONSTRAINT custos_consent_event_type_ck CHECK (event_type IN ('GIVEN', 'WITHDRAWN', 'EXPIRED'))
);

-- The audit trail: hash-chained records (format custos-audit-v1), never changed afterwards.
-- field_names lists the fields involved, sorted, separated by commas.
CREATE TABLE custos_audit_record (
    chain_id       SMALLINT NOT NULL,
    record_seq     BIGINT NOT NULL,
    occurred_at    TIMESTAMP NOT NULL,
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
);

-- The head of each audit chain, created by the first append: every append locks this row, so appends to a
-- chain are serialised, and a trail cut short behind the head's back is detected by verification.
CREATE TABLE custos_audit_head (
    chain_id    SMALLINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    CONSTRAINT custos_audit_head_pk PRIMARY KEY (chain_id)
);

-- Data-subject requests (GDPR Art. 15-22). subject_id is cleared when the subject is erased;
-- subject_ref (the pseudonym) stays. version is incremented by every change (optimistic locking).
CREATE TABLE custos_request (
    request_id            VARCHAR(100) NOT NULL,
    subject_id            VARCHAR(200),
    subject_ref           VARCHAR(40) NOT NULL,
    request_type          VARCHAR(32) NOT NULL,
    state                 VARCHAR(32) NOT NULL,
    received_at           TIMESTAMP NOT NULL,
    zone_id               VARCHAR(64) NOT NULL,
    deadline_at           TIMESTAMP NOT NULL,
    deadline_basis        VARCHAR(200) NOT NULL,
    extended_deadline_at  TIMESTAMP,
    refusal_reason        VARCHAR(2000),
    refusal_citation      VARCHAR(200),
    version               BIGINT NOT NULL,
    CONSTRAINT custos_request_pk PRIMARY KEY (request_id)
);

-- Every move of a request, in order: who did what, when and why.
CREATE TABLE custos_request_transition (
    request_id      VARCHAR(100) NOT NULL,
    transition_seq  INTEGER NOT NULL,
    from_state      VARCHAR(32) NOT NULL,
    to_state        VARCHAR(32) NOT NULL,
    occurred_at     TIMESTAMP NOT NULL,
    actor           VARCHAR(200) NOT NULL,
    reason          VARCHAR(2000),
    CONSTRAINT custos_request_transition_pk PRIMARY KEY (request_id, transition_seq),
    CONSTRAINT custos_request_transition_request_fk FOREIGN KEY (request_id) REFERENCES custos_request (request_id)
);

-- Legal holds: data kept past its retention while a case is pending. entity_name and entity_id are NULL
-- when the hold covers everything about the subject.
CREATE TABLE custos_legal_hold (
    hold_id      VARCHAR(100) NOT NULL,
    subject_id   VARCHAR(200) NOT NULL,
    entity_name  VARCHAR(200),
    entity_id    VARCHAR(200),
    reason_id    VARCHAR(100) NOT NULL,
    placed_at    TIMESTAMP NOT NULL,
    placed_by    VARCHAR(200) NOT NULL,
    released_at  TIMESTAMP,
    released_by  VARCHAR(200),
    note         VARCHAR(2000),
    CONSTRAINT custos_legal_hold_pk PRIMARY KEY (hold_id),
    CONSTRAINT custos_legal_hold_entity_ck CHECK (entity_id IS NULL OR entity_name IS NOT NULL),
    CONSTRAINT custos_legal_hold_release_ck CHECK ((released_at IS NULL AND released_by IS NULL)
        OR (released_at IS NOT NULL AND released_by IS NOT NULL))
);

-- What was erased, when and under which rule. The unique constraint lets an erasure be logged only once,
-- which makes the retention sweep safe to repeat. attributes lists the erased attributes, sorted, separated
-- by commas ('*' for the whole row).
CREATE TABLE custos_erasure_log (
    erasure_seq  BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY,
    run_id       VARCHAR(100) NOT NULL,
    entity_name  VARCHAR(200) NOT NULL,
    entity_id    VARCHAR(200) NOT NULL,
    attributes   VARCHAR(1000) NOT NULL,
    strategy     VARCHAR(32) NOT NULL,
    rule_id      VARCHAR(200) NOT NULL,
    due_at       TIMESTAMP NOT NULL,
    erased_at    TIMESTAMP NOT NULL,
    subject_ref  VARCHAR(40),
    CONSTRAINT custos_erasure_log_pk PRIMARY KEY (erasure_seq),
    CONSTRAINT custos_erasure_log_once_uk UNIQUE (entity_name, entity_id, attributes, rule_id)
);

-- Leases, so that one node at a time runs the retention sweep.
CREATE TABLE custos_sweep_lease (
    lease_name   VARCHAR(100) NOT NULL,
    holder       VARCHAR(200) NOT NULL,
    lock_until   TIMESTAMP NOT NULL,
    acquired_at  TIMESTAMP NOT NULL,
    CONSTRAINT custos_sweep_lease_pk PRIMARY KEY (lease_name)
);

-- ===== V2__append_only_and_indexes.sql =====

-- Custos schema version 2 (PostgreSQL): append-only enforcement and indexes.

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

-- Append-only, enforced by the database: UPDATE, DELETE and TRUNCATE on an append-only table raise
-- CUSTOS-04010 (SQLState 55000, object_not_in_prerequisite_state) and the statement is rolled back.
-- A database role that owns these tables can still drop the triggers: give the application a role that
-- does not own them, and revoke UPDATE, DELETE and TRUNCATE on them from it as well.
CREATE FUNCTION custos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'CUSTOS-04010: % is append-only: % is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.', TG_TABLE_NAME, TG_OP
        USING ERRCODE = '55000';
END;
$$;

CREATE TRIGGER custos_consent_event_append_only BEFORE UPDATE OR DELETE ON custos_consent_event
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_consent_event_no_truncate BEFORE TRUNCATE ON custos_consent_event
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

CREATE TRIGGER custos_audit_record_append_only BEFORE UPDATE OR DELETE ON custos_audit_record
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_audit_record_no_truncate BEFORE TRUNCATE ON custos_audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

CREATE TRIGGER custos_request_transition_append_only BEFORE UPDATE OR DELETE ON custos_request_transition
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_request_transition_no_truncate BEFORE TRUNCATE ON custos_request_transition
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

CREATE TRIGGER custos_erasure_log_append_only BEFORE UPDATE OR DELETE ON custos_erasure_log
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_erasure_log_no_truncate BEFORE TRUNCATE ON custos_erasure_log
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

-- ===== V3__restriction.sql =====

-- Custos schema version 3 (PostgreSQL): restriction of processing (GDPR Art. 18).

-- A restriction placed on a data subject's data by a data-subject request: while lifted_at is NULL the data
-- is only stored, not otherwise processed. Lifting a restriction sets lifted_at; the row stays as the record
-- that the data was restricted and when.
CREATE TABLE custos_restriction (
    subject_id  VARCHAR(200) NOT NULL,
    request_id  VARCHAR(100) NOT NULL,
    placed_at   TIMESTAMP NOT NULL,
    lifted_at   TIMESTAMP,
    CONSTRAINT custos_restriction_pk PRIMARY KEY (request_id),
    CONSTRAINT custos_restriction_request_fk FOREIGN KEY (request_id) REFERENCES custos_request (request_id),
    CONSTRAINT custos_restriction_lift_ck CHECK (lifted_at IS NULL OR lifted_at >= placed_at)
);
-- restrictions in force for a subject:
CREATE INDEX custos_restriction_subject_ix ON custos_restriction (subject_id, lifted_at);

-- ===== V4__wider_legal_basis.sql =====

-- An audit record lists every legal basis of the fields it names (GDPR Art. 6(1)(a) ... joined with "; "):
-- 64 characters held three at most.
ALTER TABLE custos_audit_record ALTER COLUMN legal_basis TYPE VARCHAR(1000);

-- ===== V5__subject_data_key.sql =====

-- Custos schema version 5 (PostgreSQL): per-subject data keys for CRYPTO_SHRED.

-- One AES-256 key per data subject, under which the values of CRYPTO_SHRED attributes are stored encrypted
-- ("cs1:" + Base64 of IV and AES-GCM ciphertext). Separate from the pseudonym keys of custos_subject_key.
-- Deleting a subject's row shreds the key: every CRYPTO_SHRED value of the subject then reads as null.
CREATE TABLE custos_subject_data_key (
    subject_id  VARCHAR(200) NOT NULL,
    key_bytes   BYTEA NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    CONSTRAINT custos_subject_data_key_pk PRIMARY KEY (subject_id)
);

-- ===== V6__subject_key_shred_after.sql =====

-- Custos schema version 6 (PostgreSQL): pseudonym keys kept for a while after erasure.

-- When the policy pack requires the audit to keep identifying an erased subject (<audit-identity>), erasure
-- sets shred_after instead of deleting the subject's pseudonym key, and the retention sweep deletes the keys
-- whose shred_after has passed. NULL, as in every row written before this version, means the key is in use.
ALTER TABLE custos_subject_key ADD COLUMN shred_after TIMESTAMP;
-- the sweep's look-up of keys due for destruction (only scheduled keys are indexed):
CREATE INDEX custos_subject_key_shred_ix ON custos_subject_key (shred_after) WHERE shred_after IS NOT NULL;

-- ===== V7__consent_ledger_chain.sql =====

-- Custos schema version 7 (PostgreSQL): the consent ledger becomes a hash chain.

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
    updated_at  TIMESTAMP NOT NULL,
    CONSTRAINT custos_consent_head_pk PRIMARY KEY (head_id),
    CONSTRAINT custos_consent_head_one_ck CHECK (head_id = 1)
);

-- Still append-only, with one exception: chaining a row written before this version, which fills its NULL
-- chain columns and changes nothing else.
CREATE FUNCTION custos_consent_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.record_hash IS NULL AND NEW.record_hash IS NOT NULL
            AND NEW.chain_seq IS NOT NULL AND NEW.previous_hash IS NOT NULL
            AND (NEW.event_seq, NEW.subject_ref, NEW.purpose, NEW.event_type, NEW.occurred_at, NEW.notice_version,
                 NEW.expires_at, NEW.recorded_by, NEW.recorded_at)
            IS NOT DISTINCT FROM (OLD.event_seq, OLD.subject_ref, OLD.purpose, OLD.event_type, OLD.occurred_at,
                 OLD.notice_version, OLD.expires_at, OLD.recorded_by, OLD.recorded_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'CUSTOS-04010: % is append-only: % is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.', TG_TABLE_NAME, TG_OP
        USING ERRCODE = '55000';
END;
$$;
DROP TRIGGER custos_consent_event_append_only ON custos_consent_event;
CREATE TRIGGER custos_consent_event_append_only BEFORE UPDATE OR DELETE ON custos_consent_event
    FOR EACH ROW EXECUTE FUNCTION custos_consent_event_refuse_change();

-- ===== V8__decision.sql =====

-- Custos schema version 8 (PostgreSQL): decisions by a person on erasure lines left for review.

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
    opened_at    TIMESTAMP NOT NULL,
    outcome      VARCHAR(16),
    reason       VARCHAR(2000),
    decided_by   VARCHAR(200),
    decided_at   TIMESTAMP,
    CONSTRAINT custos_decision_pk PRIMARY KEY (decision_id),
    CONSTRAINT custos_decision_line_uq UNIQUE (origin, origin_id, entity_name, entity_id, attributes),
    CONSTRAINT custos_decision_origin_ck CHECK (origin IN ('REQUEST', 'SWEEP')),
    CONSTRAINT custos_decision_outcome_ck CHECK ((outcome IS NULL AND decided_at IS NULL)
        OR (outcome IN ('ERASE', 'KEEP') AND decided_at IS NOT NULL AND decided_by IS NOT NULL))
);
-- the lines waiting for a decision:
CREATE INDEX custos_decision_open_ix ON custos_decision (outcome, opened_at);

-- ===== V9__consent_evidence.sql =====

-- Custos schema version 9 (PostgreSQL): consent events carry their evidence.

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
CREATE OR REPLACE FUNCTION custos_consent_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.record_hash IS NULL AND NEW.record_hash IS NOT NULL
            AND NEW.chain_seq IS NOT NULL AND NEW.previous_hash IS NOT NULL
            AND (NEW.event_seq, NEW.subject_ref, NEW.purpose, NEW.event_type, NEW.occurred_at, NEW.notice_version,
                 NEW.expires_at, NEW.recorded_by, NEW.recorded_at, NEW.evidence_form, NEW.evidence_ref,
                 NEW.evidence_date, NEW.age_band, NEW.parental_auth_ref)
            IS NOT DISTINCT FROM (OLD.event_seq, OLD.subject_ref, OLD.purpose, OLD.event_type, OLD.occurred_at,
                 OLD.notice_version, OLD.expires_at, OLD.recorded_by, OLD.recorded_at, OLD.evidence_form,
                 OLD.evidence_ref, OLD.evidence_date, OLD.age_band, OLD.parental_auth_ref) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'CUSTOS-04010: % is append-only: % is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.', TG_TABLE_NAME, TG_OP
        USING ERRCODE = '55000';
END;
$$;

-- ===== V10__signed_checkpoint.sql =====

-- Custos schema version 10 (PostgreSQL): signed checkpoints of the hash chains.

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
    signed_at   TIMESTAMP NOT NULL,
    signature   VARCHAR(100) NOT NULL,
    CONSTRAINT custos_checkpoint_pk PRIMARY KEY (chain_name, chain_id, last_seq)
);

-- append-only as the tables of version 2 (CUSTOS-04010)
CREATE TRIGGER custos_checkpoint_append_only BEFORE UPDATE OR DELETE ON custos_checkpoint
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_checkpoint_no_truncate BEFORE TRUNCATE ON custos_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

-- ===== V11__audit_row_lists.sql =====

-- A read-audit record names every row of one query result it covers, for one subject and entity: their ids,
-- separated by commas (a comma or backslash inside an id is preceded by a backslash). Rows written before keep
-- their one id; the column only grows (no rewrite of the table), so every stored chain verifies as before.
ALTER TABLE custos_audit_record ALTER COLUMN entity_id TYPE VARCHAR(32000);

-- ===== V12__subject_change.sql =====

-- Custos schema version 12 (PostgreSQL): what tells a node which subjects' consent or restriction changed.

-- A node keeps each subject's restriction and consent events between reads, and asks this table once per read
-- which of them changed since. Row -1 is a counter: every consent event, every restriction placed, lifted or
-- pseudonymised and every pseudonym key destroyed increments it, in the same transaction as the change, and sets
-- change_seq of the subject's bucket (a hash of the subject id, 0 to 1023) to the new count. The counter's row
-- lock orders these changes, so a reader that saw count n has seen every change up to n. No subject is named.
CREATE TABLE custos_subject_change (
    bucket      INTEGER NOT NULL,
    change_seq  BIGINT NOT NULL,
    CONSTRAINT custos_subject_change_pk PRIMARY KEY (bucket)
);
-- the buckets changed since a count:
CREATE INDEX custos_subject_change_seq_ix ON custos_subject_change (change_seq);
INSERT INTO custos_subject_change (bucket, change_seq) VALUES (-1, 0);

-- ===== V13__audit_partitions.sql =====

-- Custos schema version 13 (PostgreSQL): the audit trail partitioned by month; exported partitions recorded.

-- custos_audit_record becomes a table partitioned by month of occurred_at (custos_audit_record_pYYYYMM, from the
-- first of the month, UTC, to the first of the next), so that the audit trail's own retention drops a month by
-- dropping its partition instead of deleting rows. Custos creates the partitions of the current and the next
-- months when a unit starts and from its scheduler (custos_audit_partition below); a record of a month without its
-- partition goes to custos_audit_record_default, which is never dropped. The primary key of a partitioned table
-- must hold the partition key, so it is (chain_id, record_seq, occurred_at): a record's place in its chain stays
-- unique because every append locks the chain's head row, and chain verification reports any repeated sequence.
ALTER TABLE custos_audit_record RENAME TO custos_audit_record_v12;
ALTER TABLE custos_audit_record_v12 RENAME CONSTRAINT custos_audit_record_pk TO custos_audit_record_v12_pk;
ALTER INDEX custos_audit_record_subject_ix RENAME TO custos_audit_record_v12_subject_ix;

CREATE TABLE custos_audit_record (
    chain_id       SMALLINT NOT NULL,
    record_seq     BIGINT NOT NULL,
    occurred_at    TIMESTAMP NOT NULL,
    actor          VARCHAR(200) NOT NULL,
    subject_ref    VARCHAR(40),
    action         VARCHAR(32) NOT NULL,
    entity_name    VARCHAR(200),
    entity_id      VARCHAR(32000),
    field_names    VARCHAR(2000),
    purpose        VARCHAR(100),
    legal_basis    VARCHAR(1000),
    outcome        VARCHAR(16) NOT NULL,
    detail         VARCHAR(2000),
    previous_hash  CHAR(64) NOT NULL,
    record_hash    CHAR(64) NOT NULL,
    CONSTRAINT custos_audit_record_pk PRIMARY KEY (chain_id, record_seq, occurred_at)
) PARTITION BY RANGE (occurred_at);
-- "everything about subject X between two dates", on every partition:
CREATE INDEX custos_audit_record_subject_ix ON custos_audit_record (subject_ref, occurred_at);

-- append-only as in version 2 (CUSTOS-04010), refused in the name of custos_audit_record whichever partition holds
-- the row: row triggers on the partitioned table apply to every partition; a TRUNCATE trigger does not, so each
-- partition gets its own
CREATE FUNCTION custos_audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'CUSTOS-04010: custos_audit_record is append-only: % is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.', TG_OP
        USING ERRCODE = '55000';
END;
$$;
CREATE TRIGGER custos_audit_record_append_only BEFORE UPDATE OR DELETE ON custos_audit_record
    FOR EACH ROW EXECUTE FUNCTION custos_audit_record_refuse_change();
CREATE TRIGGER custos_audit_record_no_truncate BEFORE TRUNCATE ON custos_audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION custos_audit_record_refuse_change();

CREATE TABLE custos_audit_record_default PARTITION OF custos_audit_record DEFAULT;
CREATE TRIGGER custos_audit_record_no_truncate BEFORE TRUNCATE ON custos_audit_record_default
    FOR EACH STATEMENT EXECUTE FUNCTION custos_audit_record_refuse_change();

-- Creates the partition of the month that holds month_start, with its TRUNCATE trigger, and returns its name; or
-- returns the name of the existing one; or returns NULL, creating nothing, when the default partition holds
-- records of that month (they would have to move, and nobody may delete them: that month stays in the default
-- partition). Serialised by a lock on the table, so that servers starting at once create each partition once.
-- SECURITY DEFINER: the owner of the tables creates partitions for an application role that does not own them
-- (see docs/operations.md); search_path is the schema it was created in.
CREATE FUNCTION custos_audit_partition(month_start DATE) RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    first_day DATE := date_trunc('month', month_start)::DATE;
    next_day DATE := (date_trunc('month', month_start) + INTERVAL '1 month')::DATE;
    partition_name TEXT := 'custos_audit_record_p' || to_char(month_start, 'YYYYMM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN partition_name;
    END IF;
    -- self-conflicting, so one creator at a time; taking a table lock also makes the catalog current, so the
    -- partition another creator just committed is seen below
    LOCK TABLE custos_audit_record IN SHARE ROW EXCLUSIVE MODE;
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN partition_name;
    END IF;
    IF EXISTS (SELECT 1 FROM custos_audit_record_default WHERE occurred_at >= first_day AND occurred_at < next_day)
    THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF custos_audit_record FOR VALUES FROM (%L) TO (%L)',
        partition_name, first_day::TIMESTAMP, next_day::TIMESTAMP);
    EXECUTE format('CREATE TRIGGER custos_audit_record_no_truncate BEFORE TRUNCATE ON %I'
        || ' FOR EACH STATEMENT EXECUTE FUNCTION custos_audit_record_refuse_change()', partition_name);
    RETURN partition_name;
END;
$$;

-- Every partition of the audit trail that was exported before the audit trail's own retention (setting
-- custos.audit.retention) dropped it, one row per chain with records in it: the chain's records first_seq to
-- last_seq (record_count of them) were written to file_name, whose SHA-256 is file_sha256, together with the
-- checkpoint of record last_seq signed as chain audit-cut in custos_checkpoint. After the drop, verification of
-- the chain starts from that signed checkpoint. Append-only, like the chains.
CREATE TABLE custos_audit_export (
    partition_name  VARCHAR(63) NOT NULL,
    chain_id        SMALLINT NOT NULL,
    first_seq       BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL,
    record_count    BIGINT NOT NULL,
    file_name       VARCHAR(1000) NOT NULL,
    file_sha256     CHAR(64) NOT NULL,
    exported_at     TIMESTAMP NOT NULL,
    CONSTRAINT custos_audit_export_pk PRIMARY KEY (partition_name, chain_id)
);
CREATE TRIGGER custos_audit_export_append_only BEFORE UPDATE OR DELETE ON custos_audit_export
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_audit_export_no_truncate BEFORE TRUNCATE ON custos_audit_export
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();

-- Drops one monthly partition of the audit trail, and returns whether it did: only a partition (never the
-- default) whose every chain's records are recorded as exported in custos_audit_export, each with its signed
-- audit-cut checkpoint in custos_checkpoint. Custos checks the signatures before it calls this. SECURITY DEFINER
-- as custos_audit_partition.
CREATE FUNCTION custos_audit_partition_drop(partition_name TEXT) RETURNS BOOLEAN LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    unexported BIGINT;
BEGIN
    IF partition_name !~ '^custos_audit_record_p[0-9]{6}$' OR NOT EXISTS (SELECT 1 FROM pg_inherits
            WHERE inhrelid = to_regclass(partition_name) AND inhparent = to_regclass('custos_audit_record')) THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT chain_id, min(record_seq) AS first_seq, max(record_seq) AS last_seq,'
        || ' count(*) AS record_count FROM %I GROUP BY chain_id) AS p WHERE NOT EXISTS (SELECT 1'
        || ' FROM custos_audit_export e JOIN custos_checkpoint c ON c.chain_name = ''audit-cut'''
        || ' AND c.chain_id = e.chain_id AND c.last_seq = e.last_seq WHERE e.partition_name = %L'
        || ' AND e.chain_id = p.chain_id AND e.first_seq = p.first_seq AND e.last_seq = p.last_seq'
        || ' AND e.record_count = p.record_count)', partition_name, partition_name) INTO unexported;
    IF unexported > 0 THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('DROP TABLE %I', partition_name);
    RETURN TRUE;
END;
$$;

-- Every record moves, in chain order, to the partition of its month, and keeps its hash and place in its chain.
DO $$
DECLARE
    month_start DATE;
BEGIN
    FOR month_start IN SELECT DISTINCT date_trunc('month', occurred_at)::DATE FROM custos_audit_record_v12 LOOP
        PERFORM custos_audit_partition(month_start);
    END LOOP;
END;
$$;
INSERT INTO custos_audit_record (chain_id, record_seq, occurred_at, actor, subject_ref, action, entity_name, entity_id,
        field_names, purpose, legal_basis, outcome, detail, previous_hash, record_hash)
    SELECT chain_id, record_seq, occurred_at, actor, subject_ref, action, entity_name, entity_id, field_names, purpose,
        legal_basis, outcome, detail, previous_hash, record_hash
    FROM custos_audit_record_v12 ORDER BY chain_id, record_seq;

-- The grants of the table (docs/operations.md: SELECT and INSERT for the application, SELECT for the auditor)
-- carry over to the new one.
DO $$
DECLARE
    granted RECORD;
BEGIN
    FOR granted IN SELECT grantee, privilege_type FROM information_schema.role_table_grants
            WHERE table_schema = current_schema() AND table_name = 'custos_audit_record_v12'
            AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema()
                AND tablename = 'custos_audit_record_v12') LOOP
        EXECUTE format('GRANT %s ON custos_audit_record TO %s', granted.privilege_type,
            CASE WHEN granted.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(granted.grantee) END);
    END LOOP;
END;
$$;

-- DROP fires no trigger: the old table goes with its rows, every one of which is in the new table.
DROP TABLE custos_audit_record_v12;
