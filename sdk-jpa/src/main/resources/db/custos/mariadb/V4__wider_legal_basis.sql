-- An audit record lists every legal basis of the fields it names (GDPR Art. 6(1)(a) ... joined with "; "):
-- 64 characters held three at most.
ALTER TABLE custos_audit_record MODIFY COLUMN legal_basis VARCHAR(1000);
