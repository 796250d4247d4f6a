-- Custos schema version 12 (PostgreSQL): what tells a node which subjects' consent or restriction changed.

-- A node keeps each subject's restriction and consent events between reads, and asks this table once per read
-- which of them changed since. Row -1 is a counter: every consent event, every restriction placed, lifted or
-- pseudonymised and every pseudonym key destroyed increments it, in the same transaction as the change, and sets
-- change_seq of the subject's bucket (a hash of the subject id, 0 to 1023) to the new count. The counter's row
-- lock orders these changes, so a reader that saw count n has seen every change up to n. No subject is named.
CREATE TABLE custos_subject_change (
    bucket      INTEGER NOT NULL,
    change_seq  BIGINT NOT NULL,
    CONSTRAINT custos_subject_change_pk PRIMARY KEY (bucket)
);
-- the buckets changed since a count:
CREATE INDEX custos_subject_change_seq_ix ON custos_subject_change (change_seq);
INSERT INTO custos_subject_change (bucket, change_seq) VALUES (-1, 0);
