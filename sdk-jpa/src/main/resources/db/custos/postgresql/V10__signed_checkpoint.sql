-- Custos schema version 10 (PostgreSQL): signed checkpoints of the hash chains.

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

-- append-only as the tables of version 2 (CUSTOS-04010)
CREATE TRIGGER custos_checkpoint_append_only BEFORE UPDATE OR DELETE ON custos_checkpoint
    FOR EACH ROW EXECUTE FUNCTION custos_refuse_change();
CREATE TRIGGER custos_checkpoint_no_truncate BEFORE TRUNCATE ON custos_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION custos_refuse_change();
