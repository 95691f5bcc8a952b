-- Performance: indexes only (no data changes). See docs/development/performance.md.

-- The unchanged-redelivery check and the audit page look entries up by entity.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
