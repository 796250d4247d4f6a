-- Custos schema version 8 (Apache Derby): decisions by a person on erasure lines left for review.

-- Erasure lines kept for a person's decision: the values an erasure request or consent withdrawal left for
-- review (origin REQUEST, origin_id the request) and the rows a sweep found due under a rule that asks for a
-- review (origin SWEEP, origin_id the rule). outcome is NULL while the line waits for a decision, then ERASE or
-- KEEP, with who decided, when and why. Rows name the data subject by pseudonym only.
CREATE TABLE custos_decision (
    decision_id  VARCHAR(100) NOT NULL,
    origin       VARCHAR(16) NOT NULL,
    origin_id    VARCHAR(200) NOT NULL,
    entity_name  VARCHAR(200) NOT NULL,
    entity_id    VARCHAR(200) NOT NULL,
    attributes   VARCHAR(1000) NOT NULL,
    rule_id      VARCHAR(200) NOT NULL,
    citation     VARCHAR(1000) NOT NULL,
    subject_ref  VARCHAR(40),
    opened_at    TIMESTAMP NOT NULL,
    outcome      VARCHAR(16),
    reason       VARCHAR(2000),
    decided_by   VARCHAR(200),
    decided_at   TIMESTAMP,
    CONSTRAINT custos_decision_pk PRIMARY KEY (decision_id),
    CONSTRAINT custos_decision_line_uq UNIQUE (origin, origin_id, entity_name, entity_id, attributes),
    CONSTRAINT custos_decision_origin_ck CHECK (origin IN ('REQUEST', 'SWEEP')),
    CONSTRAINT custos_decision_outcome_ck CHECK ((outcome IS NULL AND decided_at IS NULL)
        OR (outcome IN ('ERASE', 'KEEP') AND decided_at IS NOT NULL AND decided_by IS NOT NULL))
);
-- the lines waiting for a decision:
CREATE INDEX custos_decision_open_ix ON custos_decision (outcome, opened_at);
