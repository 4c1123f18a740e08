-- Auto indexes on text document fields hold a prefix of the text from now on
-- (records/auto_index.rs): one on the whole text made every value longer than a B-tree row
-- holds (2,704 bytes) unwritable, for every tenant ("index row requires 80168 bytes").
-- The whole-text ones made before are dropped here; the next query filtering or sorting on
-- such a field makes its prefix index (`auto_<table>_p_<field>`) in the background.
DO $$
DECLARE
    name text;
BEGIN
    FOR name IN
        SELECT indexname FROM pg_indexes
         WHERE schemaname = current_schema()
           AND (indexname LIKE 'auto\_estates\_t\_%' OR indexname LIKE 'auto\_addresses\_t\_%')
    LOOP
        EXECUTE format('DROP INDEX %I', name);
    END LOOP;
END
$$;
