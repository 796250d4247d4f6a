-- Custos schema version 2 (Apache Derby): append-only enforcement and indexes.

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

-- Append-only, enforced by the database. Derby triggers cannot raise an error themselves, so an UPDATE or
-- DELETE on an append-only table fires a trigger that inserts the table's name into
-- custos_append_only_violation, where a CHECK constraint named <table>_is_append_only refuses it. The
-- statement fails with SQLState 23513 naming that constraint, and Derby rolls the whole statement back.
-- The table stays empty. A user who owns these tables can still drop the triggers: with SQL authorization
-- on, let the application connect as a user that does not own them and grant it only SELECT and INSERT.
CREATE TABLE custos_append_only_violation (
    table_name  VARCHAR(128) NOT NULL,
    CONSTRAINT custos_consent_event_is_append_only CHECK (table_name <> 'custos_consent_event'),
    CONSTRAINT custos_audit_record_is_append_only CHECK (table_name <> 'custos_audit_record'),
    CONSTRAINT custos_request_transition_is_append_only CHECK (table_name <> 'custos_request_transition'),
    CONSTRAINT custos_erasure_log_is_append_only CHECK (table_name <> 'custos_erasure_log')
);

CREATE TRIGGER custos_consent_event_no_update AFTER UPDATE ON custos_consent_event
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_consent_event');
CREATE TRIGGER custos_consent_event_no_delete AFTER DELETE ON custos_consent_event
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_consent_event');

CREATE TRIGGER custos_audit_record_no_update AFTER UPDATE ON custos_audit_record
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_audit_record');
CREATE TRIGGER custos_audit_record_no_delete AFTER DELETE ON custos_audit_record
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_audit_record');

CREATE TRIGGER custos_request_transition_no_update AFTER UPDATE ON custos_request_transition
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_request_transition');
CREATE TRIGGER custos_request_transition_no_delete AFTER DELETE ON custos_request_transition
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_request_transition');

CREATE TRIGGER custos_erasure_log_no_update AFTER UPDATE ON custos_erasure_log
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_erasure_log');
CREATE TRIGGER custos_erasure_log_no_delete AFTER DELETE ON custos_erasure_log
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_erasure_log');

-- Triggers do not fire on TRUNCATE TABLE, but Derby refuses to truncate a table whose key is referenced by
-- an enabled foreign key (SQLState XCL48). These tables stay empty; they exist only to hold such foreign
-- keys, named <table>_no_truncate.
CREATE TABLE custos_consent_event_keep (
    event_seq  BIGINT,
    CONSTRAINT custos_consent_event_no_truncate FOREIGN KEY (event_seq)
        REFERENCES custos_consent_event (event_seq)
);
CREATE TABLE custos_audit_record_keep (
    chain_id    SMALLINT,
    record_seq  BIGINT,
    CONSTRAINT custos_audit_record_no_truncate FOREIGN KEY (chain_id, record_seq)
        REFERENCES custos_audit_record (chain_id, record_seq)
);
CREATE TABLE custos_erasure_log_keep (
    erasure_seq  BIGINT,
    CONSTRAINT custos_erasure_log_no_truncate FOREIGN KEY (erasure_seq)
        REFERENCES custos_erasure_log (erasure_seq)
);
CREATE TABLE custos_request_transition_keep (
    request_id      VARCHAR(100),
    transition_seq  INTEGER,
    CONSTRAINT custos_request_transition_no_truncate FOREIGN KEY (request_id, transition_seq)
        REFERENCES custos_request_transition (request_id, transition_seq)
);
