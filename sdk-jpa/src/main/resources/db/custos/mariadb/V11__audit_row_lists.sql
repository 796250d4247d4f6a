-- A read-audit record names every row of one query result it covers, for one subject and entity: their ids,
-- separated by commas (a comma or backslash inside an id is preceded by a backslash). Rows written before keep
-- their one id; the column only grows, so every stored chain verifies as before. MEDIUMTEXT: a VARCHAR of 32,000
-- characters would not fit InnoDB's row size in utf8mb4.
ALTER TABLE custos_audit_record MODIFY COLUMN entity_id MEDIUMTEXT;
