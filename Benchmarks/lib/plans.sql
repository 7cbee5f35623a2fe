-- The statements the server runs for the benchmarked queries (as AssessmentReads.page,
-- StatisticsReads.samples and the export build them), for EXPLAIN QUERY PLAN. Keep in step with
-- Sources/LandMon/Store when those change.
.print '-- region list page: /v1/assessments?region=KZ-11'
EXPLAIN QUERY PLAN SELECT a.id, a.sampled_on, a.lat, a.lon, a.document FROM assessments a
 WHERE a.status = 'active' AND a.region IN ('KZ-11') ORDER BY a.sampled_on DESC, a.id DESC LIMIT 101;
.print '-- filtered list page: country=UZ&indicator=soc&from=2010-01-01&to=2014-12-31'
EXPLAIN QUERY PLAN SELECT a.id, a.sampled_on, a.lat, a.lon, a.document FROM assessments a
 WHERE a.status = 'active' AND +a.country = 'UZ'
   AND EXISTS (SELECT 1 FROM measurements m WHERE m.indicator IN ('soc') AND m.region = a.region
       AND m.sampled_on = a.sampled_on AND m.assessment_id = a.id)
   AND a.sampled_on >= '2010-01-01' AND a.sampled_on <= '2014-12-31'
 ORDER BY a.sampled_on DESC, a.id DESC LIMIT 101;
.print '-- region summary: /v1/regions/KZ-11/summary?indicator=soc'
EXPLAIN QUERY PLAN SELECT region, sampled_on, value FROM measurements
 WHERE indicator = 'soc' AND region IN ('KZ-11');
.print '-- country stats by region: /v1/stats?indicator=soc&group_by=region&country=UZ'
EXPLAIN QUERY PLAN SELECT region, sampled_on, value FROM measurements
 WHERE indicator = 'soc' AND region >= 'UZ-' AND region < 'UZ.';
.print '-- CSV export, one chunk of 500 after a cursor: ?format=csv&limit=all'
EXPLAIN QUERY PLAN SELECT a.id, a.sampled_on, a.lat, a.lon, a.document FROM assessments a
 WHERE a.status = 'active' AND (a.sampled_on, a.id) < ('2015-06-01', 500000)
 ORDER BY a.sampled_on DESC, a.id DESC LIMIT 501;
.print '-- SDG 15.3.1 site visits of a country: /v1/ldn?country=KZ (and transitions, so1-3)'
EXPLAIN QUERY PLAN SELECT id, region, site_id, sampled_on, land_cover, lpd_class, soc_stock, soc_method
 FROM assessments INDEXED BY assessments_for_ldn
 WHERE status = 'active' AND sampled_on >= '2000-01-01' AND sampled_on <= '2019-12-31'
   AND region >= 'KZ-' AND region < 'KZ.';
