-- Custos schema version 7 (Apache Derby): the consent ledger becomes a hash chain.

-- Every consent event is chained as the audit trail is (format custos-audit-v1, see ConsentLedger): chain_seq
-- is its place in the chain (1, 2, ... without gaps, unlike event_seq), previous_hash and record_hash tie it to
-- the event before. Rows written before this version are NULL here until Custos chains them, in event_seq
-- order, when it records the first consent event after the upgrade.
ALTER TABLE custos_consent_event ADD COLUMN chain_seq BIGINT;
ALTER TABLE custos_consent_event ADD COLUMN previous_hash CHAR(64);
ALTER TABLE custos_consent_event ADD COLUMN record_hash CHAR(64);
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
DROP TRIGGER custos_consent_event_no_update;
CREATE TRIGGER custos_consent_event_no_update AFTER UPDATE ON custos_consent_event
    REFERENCING OLD AS o NEW AS n FOR EACH ROW
    WHEN (o.record_hash IS NOT NULL OR n.record_hash IS NULL OR n.chain_seq IS NULL OR n.previous_hash IS NULL
        OR o.subject_ref <> n.subject_ref OR o.purpose <> n.purpose OR o.event_type <> n.event_type
        OR o.occurred_at <> n.occurred_at OR o.recorded_by <> n.recorded_by OR o.recorded_at <> n.recorded_at
        OR COALESCE(o.notice_version, '') <> COALESCE(n.notice_version, '')
        OR COALESCE(o.expires_at, TIMESTAMP('1970-01-01 00:00:00'))
            <> COALESCE(n.expires_at, TIMESTAMP('1970-01-01 00:00:00')))
    INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_consent_event');
