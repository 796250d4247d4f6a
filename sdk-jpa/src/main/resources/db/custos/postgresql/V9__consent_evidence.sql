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
