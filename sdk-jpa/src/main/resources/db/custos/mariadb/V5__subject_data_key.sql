-- Custos schema version 5 (MariaDB): per-subject data keys for CRYPTO_SHRED.

-- One AES-256 key per data subject, under which the values of CRYPTO_SHRED attributes are stored encrypted
-- ("cs1:" + Base64 of IV and AES-GCM ciphertext). Separate from the pseudonym keys of custos_subject_key.
-- Deleting a subject's row shreds the key: every CRYPTO_SHRED value of the subject then reads as null.
CREATE TABLE custos_subject_data_key (
    subject_id  VARCHAR(200) NOT NULL,
    key_bytes   VARBINARY(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT custos_subject_data_key_pk PRIMARY KEY (subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
