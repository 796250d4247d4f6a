-- Custos schema version 9 (Apache Derby): consent events carry their evidence.

-- The evidence a consent was recorded with (GDPR Art. 7(1)), NULL where none was recorded and in every row
-- written before this version: evidence_form how it was given (WRITTEN, ELECTRONIC or ORAL), evidence_ref where
-- the document or form is (never a person), evidence_date the date it bears; for a child's consent to an
-- information society service (GDPR Art. 8), age_band the whole years the subject is at least ('16+'), and
-- parental_auth_ref a keyed pseudonym ('ps1:' + 32 hex digits, under the subject's key) of the reference to the
-- authorisation by the holder of parental responsibility, never the holder in clear. Rows with evidence hash it
-- into their chain record; rows without hash as before, so earlier rows still verify.
ALTER TABLE custos_consent_event ADD COLUMN evidence_form VARCHAR(16);
ALTER TABLE custos_consent_event ADD COLUMN evidence_ref VARCHAR(200);
ALTER TABLE custos_consent_event ADD COLUMN evidence_date DATE;
ALTER TABLE custos_consent_event ADD COLUMN age_band VARCHAR(8);
ALTER TABLE custos_consent_event ADD COLUMN parental_auth_ref VARCHAR(40);
ALTER TABLE custos_consent_event ADD CONSTRAINT custos_consent_event_form_ck
    CHECK (evidence_form IS NULL OR evidence_form IN ('WRITTEN', 'ELECTRONIC', 'ORAL'));

-- Still append-only, with the one exception of version 7 (chaining a row written before it), which must leave
-- the evidence columns as they are too.
DROP TRIGGER custos_consent_event_no_update;
CREATE TRIGGER custos_consent_event_no_update AFTER UPDATE ON custos_consent_event
    REFERENCING OLD AS o NEW AS n FOR EACH ROW
    WHEN (o.record_hash IS NOT NULL OR n.record_hash IS NULL OR n.chain_seq IS NULL OR n.previous_hash IS NULL
        OR o.subject_ref <> n.subject_ref OR o.purpose <> n.purpose OR o.event_type <> n.event_type
        OR o.occurred_at <> n.occurred_at OR o.recorded_by <> n.recorded_by OR o.recorded_at <> n.recorded_at
        OR COALESCE(o.notice_version, '') <> COALESCE(n.notice_version, '')
        OR COALESCE(o.expires_at, TIMESTAMP('1970-01-01 00:00:00'))
            <> COALESCE(n.expires_at, TIMESTAMP('1970-01-01 00:00:00'))
        OR COALESCE(o.evidence_form, '') <> COALESCE(n.evidence_form, '')
        OR COALESCE(o.evidence_ref, '') <> COALESCE(n.evidence_ref, '')
        OR COALESCE(o.evidence_date, DATE('1970-01-01')) <> COALESCE(n.evidence_date, DATE('1970-01-01'))
        OR COALESCE(o.age_band, '') <> COALESCE(n.age_band, '')
        OR COALESCE(o.parental_auth_ref, '') <> COALESCE(n.parental_auth_ref, ''))
    INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_consent_event');
