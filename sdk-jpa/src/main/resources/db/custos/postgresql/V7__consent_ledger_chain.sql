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
