-- Custos schema version 6 (MariaDB): pseudonym keys kept for a while after erasure.

-- When the policy pack requires the audit to keep identifying an erased subject (<audit-identity>), erasure
-- sets shred_after instead of deleting the subject's pseudonym key, and the retention sweep deletes the keys
-- whose shred_after has passed. NULL, as in every row written before this version, means the key is in use.
ALTER TABLE custos_subject_key ADD COLUMN shred_after DATETIME(6);
-- the sweep's look-up of keys due for destruction (MariaDB has no partial indexes, so the NULLs of keys in use
-- are indexed too):
CREATE INDEX custos_subject_key_shred_ix ON custos_subject_key (shred_after);
