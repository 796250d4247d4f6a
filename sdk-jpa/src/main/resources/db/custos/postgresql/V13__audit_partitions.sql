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
