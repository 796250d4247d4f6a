-- Custos schema version 13 (MariaDB): nothing changes.

-- On PostgreSQL this version partitions the audit trail by month, for the audit trail's own retention
-- (custos.audit.retention). MariaDB keeps custos_audit_record as one table, and its records are kept for good.
-- The version exists so that every database counts its versions alike.
SELECT 1;
