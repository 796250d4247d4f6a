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
