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
