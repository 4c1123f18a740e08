-- The number a document field holds, for filters, sorts and the indexes made for them
-- (records/auto_index.rs): NULL where the text is not a plain decimal number, so that
-- neither a query nor an index build nor an insert fails on one (a cast would raise an
-- error; SQLite's CAST reads such text as 0, and so does COALESCE around this).
-- A plain SQL function, so the planner inlines it into queries and index expressions alike.
CREATE OR REPLACE FUNCTION kontor_number(value text) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT CASE
            WHEN value ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,2})?\s*$'
            THEN value::double precision
        END
    $$;
