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
