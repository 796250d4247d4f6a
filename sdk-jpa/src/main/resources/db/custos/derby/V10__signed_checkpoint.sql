-- Custos schema version 10 (Apache Derby): signed checkpoints of the hash chains.

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
    signed_at   TIMESTAMP NOT NULL,
    signature   VARCHAR(100) NOT NULL,
    CONSTRAINT custos_checkpoint_pk PRIMARY KEY (chain_name, chain_id, last_seq)
);

-- append-only as the tables of version 2: the trigger's row breaks this constraint and the statement fails
ALTER TABLE custos_append_only_violation
    ADD CONSTRAINT custos_checkpoint_is_append_only CHECK (table_name <> 'custos_checkpoint');
CREATE TRIGGER custos_checkpoint_no_update AFTER UPDATE ON custos_checkpoint
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_checkpoint');
CREATE TRIGGER custos_checkpoint_no_delete AFTER DELETE ON custos_checkpoint
    FOR EACH ROW INSERT INTO custos_append_only_violation (table_name) VALUES ('custos_checkpoint');
