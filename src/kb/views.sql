-- The read-only views for SQL users (docs/schema.md documents each one).
-- A writer re-creates them after every migration it applies, so a migration
-- may reshape the tables freely: these names and columns stay.

DROP VIEW IF EXISTS fact_list;
DROP VIEW IF EXISTS fact_sources;
DROP VIEW IF EXISTS meeting_participants;
DROP VIEW IF EXISTS year_rates;
DROP VIEW IF EXISTS official_turnover;
DROP VIEW IF EXISTS announced_vs_official;

-- One row per merged fact (a figure reported by several articles is one
-- row): what `oborot export` writes. Per-source details (speaker,
-- qualifier, place, participants ...) are those of the fact's detail source.
CREATE VIEW fact_list AS
SELECT g.id AS fact, g.type, g.party_a, g.party_b, g.status, g.year, g.period,
       g.value, g.currency, df.qualifier, g.percent, g.sectoral, g.sector,
       g.date, df.place, g.name, df.country, df.quantity, df.unit,
       df.flow_from, df.flow_to, df.speaker, g.announced, g.sources,
       g.first_published, g.last_published, g.conflict,
       -- a range's upper bound (`value` is then its lower one), from the detail source's fact line
       CASE WHEN json_extract(df.json, '$.value_max') > g.value THEN json_extract(df.json, '$.value_max') END AS value_max
FROM fact_groups g LEFT JOIN facts df ON df.id = g.detail_fact;

-- Every source of every merged fact: the article and the quoted sentence
-- (start/end: code points in the article's cleaned text).
CREATE VIEW fact_sources AS
SELECT f.group_id AS fact, f.id AS source, d.doc_id AS doc, d.published, d.title, d.url,
       f.speaker, f.quote, f.start, f."end"
FROM facts f JOIN documents d ON d.id = f.document_id;

-- The participants of every merged meeting, one row each.
CREATE VIEW meeting_participants AS
SELECT g.id AS fact, g.date, df.place, g.party_a, g.party_b,
       json_extract(p.value, '$.name') AS name,
       json_extract(p.value, '$.role') AS role,
       json_extract(p.value, '$.party') AS party
FROM fact_groups g JOIN facts df ON df.id = g.detail_fact, json_each(df.participants) p
WHERE g.type = 'meeting' AND json_valid(df.participants);

-- One rate per currency and year (units per US dollar): the yearly figure
-- when imported, else the average of the daily ones. USD is 1.
CREATE VIEW year_rates AS
SELECT currency, year, rate, 'year' AS basis, 1 AS days FROM rates WHERE date = ''
UNION ALL
SELECT currency, year, avg(rate), 'daily average', count(*) FROM rates r
WHERE date <> '' AND NOT EXISTS (SELECT 1 FROM rates y WHERE y.currency = r.currency AND y.year = r.year AND y.date = '')
GROUP BY currency, year;

-- Official turnover per pair, year, period and reporter: the turnover row
-- when published, else export + import of the same reporter and source.
CREATE VIEW official_turnover AS
SELECT party_a, party_b, year, period, reporter, partner, value, currency, source_name, url, 'turnover' AS basis
FROM official_figures WHERE flow = 'turnover'
UNION ALL
SELECT e.party_a, e.party_b, e.year, e.period, e.reporter, e.partner, e.value + i.value, e.currency,
       e.source_name, e.url, 'export+import'
FROM official_figures e JOIN official_figures i
  ON i.reporter = e.reporter AND i.partner = e.partner AND i.year = e.year AND i.period = e.period
 AND i.source_name = e.source_name AND i.currency = e.currency AND i.flow = 'import'
WHERE e.flow = 'export' AND NOT EXISTS (
  SELECT 1 FROM official_figures t WHERE t.flow = 'turnover' AND t.reporter = e.reporter AND t.partner = e.partner
     AND t.year = e.year AND t.period = e.period AND t.source_name = e.source_name);

-- Announced actual turnover (whole trade, not one sector) beside the
-- official turnover of the same pair, year and period, both in US dollars
-- at the year's average rate (NULL when a rate is missing).
CREATE VIEW announced_vs_official AS
SELECT g.id AS fact, g.party_a, g.party_b, g.year, coalesce(g.period, 'year') AS period,
       g.value AS announced_value, g.currency AS announced_currency, df.qualifier,
       o.value AS official_value, o.currency AS official_currency, o.reporter, o.source_name, o.url,
       CASE WHEN g.currency = 'USD' THEN g.value ELSE g.value / ra.rate END AS announced_usd,
       CASE WHEN o.currency = 'USD' THEN o.value ELSE o.value / ro.rate END AS official_usd
FROM fact_groups g
LEFT JOIN facts df ON df.id = g.detail_fact
JOIN official_turnover o ON o.party_a = g.party_a AND o.party_b = g.party_b AND o.year = g.year
 AND o.period = coalesce(g.period, 'year')
LEFT JOIN year_rates ra ON ra.currency = g.currency AND ra.year = g.year
LEFT JOIN year_rates ro ON ro.currency = o.currency AND ro.year = o.year
WHERE g.type = 'turnover' AND g.status = 'actual' AND g.sectoral = 0;
