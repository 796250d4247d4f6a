-- A read-audit record names every row of one query result it covers, for one subject and entity: their ids,
-- separated by commas (a comma or backslash inside an id is preceded by a backslash). Rows written before keep
-- their one id; the column only grows, so every stored chain verifies as before.
ALTER TABLE custos_audit_record ALTER COLUMN entity_id SET DATA TYPE VARCHAR(32000);
