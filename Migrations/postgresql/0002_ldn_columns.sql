-- landmon 0002 in PostgreSQL's dialect (Migrations/0002_ldn_columns.sql): the LDN columns, their
-- backfill from the stored documents (jsonb instead of SQLite's json_each; WITH ORDINALITY keeps
-- the layers' and measurements' order), and the covering partial index (INCLUDE instead of
-- trailing key columns: the same index-only scan per region and period).

ALTER TABLE assessments ADD COLUMN lpd_class INTEGER;
ALTER TABLE assessments ADD COLUMN soc_method TEXT COLLATE "C";

UPDATE assessments SET
    lpd_class = (document::jsonb ->> 'lpd_class')::integer,
    soc_method = COALESCE(
        (SELECT m.value ->> 'method'
           FROM jsonb_array_elements(document::jsonb -> 'layers') WITH ORDINALITY AS l(value, n),
                jsonb_array_elements(l.value -> 'measurements') WITH ORDINALITY AS m(value, k)
          WHERE m.value ->> 'indicator' = 'soc' AND m.value ->> 'method' IS NOT NULL
          ORDER BY l.n, m.k LIMIT 1),
        (SELECT 'som:' || (m.value ->> 'method')
           FROM jsonb_array_elements(document::jsonb -> 'layers') WITH ORDINALITY AS l(value, n),
                jsonb_array_elements(l.value -> 'measurements') WITH ORDINALITY AS m(value, k)
          WHERE m.value ->> 'indicator' = 'som' AND m.value ->> 'method' IS NOT NULL
          ORDER BY l.n, m.k LIMIT 1));

CREATE INDEX assessments_for_ldn
    ON assessments (region, sampled_on)
    INCLUDE (site_id, land_cover, lpd_class, soc_stock, soc_method, id)
    WHERE status = 'active';
