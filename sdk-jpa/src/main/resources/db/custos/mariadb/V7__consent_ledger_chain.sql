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
