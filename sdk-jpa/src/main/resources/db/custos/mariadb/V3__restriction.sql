-- Custos schema version 3 (MariaDB): restriction of processing (GDPR Art. 18).

-- A restriction placed on a data subject's data by a data-subject request: while lifted_at is NULL the data
-- is only stored, not otherwise processed. Lifting a restriction sets lifted_at; the row stays as the record
-- that the data was restricted and when.
CREATE TABLE custos_restriction (
    subject_id  VARCHAR(200) NOT NULL,
    request_id  VARCHAR(100) NOT NULL,
    placed_at   DATETIME(6) NOT NULL,
    lifted_at   DATETIME(6),
    CONSTRAINT custos_restriction_pk PRIMARY KEY (request_id),
    CONSTRAINT custos_restriction_request_fk FOREIGN KEY (request_id) REFERENCES custos_request (request_id),
    CONSTRAINT custos_restriction_lift_ck CHECK (lifted_at IS NULL OR lifted_at >= placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- restrictions in force for a subject:
CREATE INDEX custos_restriction_subject_ix ON custos_restriction (subject_id, lifted_at);
