-- PostgreSQL's auto indexes on text document fields hold a prefix from now on, and its
-- migration 0008 drops the whole-text ones (a B-tree row there holds at most 2,704 bytes).
-- SQLite has no such limit: its whole-text auto indexes stay as they are.
SELECT 1;
