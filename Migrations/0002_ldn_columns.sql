-- landmon 0002: what SDG 15.3.1 reads of each visit, as columns (issue 11). The land productivity
-- class and the SOC method were only in the stored document; reading a country's visits from
-- the documents costs seconds on a million assessments, from one covering index a fraction.
--
-- soc_method is Assessment.socMethod: the first method given on a `soc` measurement, top down;
-- else 'som:' and the first `som` method; else NULL. The backfill computes the same from the
-- stored documents (layers are stored in depth order, measurements in submitted order).

ALTER TABLE assessments ADD COLUMN lpd_class INTEGER;
ALTER TABLE assessments ADD COLUMN soc_method TEXT;

UPDATE assessments SET
    lpd_class = json_extract(document, '$.lpd_class'),
    soc_method = COALESCE(
        (SELECT json_extract(m.value, '$.method')
           FROM json_each(assessments.document, '$.layers') AS l, json_each(l.value, '$.measurements') AS m
          WHERE json_extract(m.value, '$.indicator') = 'soc' AND json_extract(m.value, '$.method') IS NOT NULL
          ORDER BY l.key, m.key LIMIT 1),
        (SELECT 'som:' || json_extract(m.value, '$.method')
           FROM json_each(assessments.document, '$.layers') AS l, json_each(l.value, '$.measurements') AS m
          WHERE json_extract(m.value, '$.indicator') = 'som' AND json_extract(m.value, '$.method') IS NOT NULL
          ORDER BY l.key, m.key LIMIT 1));

-- One range scan per region (or country: region codes start with it) and period, read from the
-- index alone. Retracted assessments are not in it.
CREATE INDEX assessments_for_ldn
    ON assessments (region, sampled_on, site_id, land_cover, lpd_class, soc_stock, soc_method)
    WHERE status = 'active';
