-- Custos schema version 10 (MariaDB): signed checkpoints of the hash chains.

-- Signed checkpoints of the hash chains: the head of an audit chain (chain_name audit, chain_id its chain) or of
-- the consent ledger (chain_name ledger, chain_id 0) at signed_at, signed with the operator's Ed25519 key
-- (custos.checkpoint.signing-key; format custos-checkpoint-v1 of sdk-core's CheckpointSignatures, signature in
-- Base64). The key is never in the database, so a chain cut short below a signed checkpoint, or rewritten with
-- recomputed hashes, is found by custos-verifier with the public key alone. Append-only, like the chains.
CREATE TABLE custos_checkpoint (
    chain_name  VARCHAR(16) NOT NULL,
    chain_id    SMALLINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    signed_at   DATETIME(6) NOT NULL,
    signature   VARCHAR(100) NOT NULL,
    CONSTRAINT custos_checkpoint_pk PRIMARY KEY (chain_name, chain_id, last_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- append-only as the tables of version 2 (CUSTOS-04010)
CREATE TRIGGER custos_checkpoint_no_update BEFORE UPDATE ON custos_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_checkpoint is append-only: UPDATE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
CREATE TRIGGER custos_checkpoint_no_delete BEFORE DELETE ON custos_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'CUSTOS-04010: custos_checkpoint is append-only: DELETE is refused. Its rows are evidence and are never changed or removed; record a correction as a new row instead.';
-- TRUNCATE fires no trigger: as in version 2, a foreign key from an empty table refuses it (while
-- foreign_key_checks is on; the grants are the guard that holds)
CREATE TABLE custos_checkpoint_keep (
    chain_name  VARCHAR(16),
    chain_id    SMALLINT,
    last_seq    BIGINT,
    CONSTRAINT custos_checkpoint_no_truncate FOREIGN KEY (chain_name, chain_id, last_seq)
        REFERENCES custos_checkpoint (chain_name, chain_id, last_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
