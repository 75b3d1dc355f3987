-- oborot knowledge base, schema version 3: official statistics, exchange
-- rates and the direction of trade flows. (Version 2 is `oborot fetch`'s.)
-- The read-only views for SQL users are in src/kb/views.sql, re-created
-- after every migration (docs/schema.md documents them).

-- official_figures: figures of a statistics office or customs service, as
-- `oborot import-official` read them from a CSV file, one row per reporter,
-- partner, year, period, flow and source. Never merged with the announced
-- figures of `fact_groups`: queries set them side by side.
CREATE TABLE official_figures (
  id INTEGER PRIMARY KEY,
  reporter TEXT NOT NULL,      -- the party whose statistics these are (BY, RU, RU-VOR ...)
  partner TEXT NOT NULL,       -- the other party
  party_a TEXT NOT NULL,       -- the pair, sorted, as in fact_groups
  party_b TEXT NOT NULL,
  year INTEGER NOT NULL,
  period TEXT NOT NULL DEFAULT 'year',  -- year, H1, Q1..Q4, 9M ...
  flow TEXT NOT NULL CHECK (flow IN ('export', 'import', 'turnover')),  -- reporter's export to / import from partner
  value REAL NOT NULL,
  currency TEXT NOT NULL,
  source_name TEXT NOT NULL,   -- publisher and table
  url TEXT,
  file TEXT NOT NULL,          -- the CSV file and line it came from
  line INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (reporter, partner, year, period, flow, source_name)
);
CREATE INDEX official_figures_pair ON official_figures(party_a, party_b, year, period);

-- rates: exchange rates from `oborot import-rates`: units of `currency` per
-- one US dollar, for a day (`date`) or a whole year (`date` = '').
CREATE TABLE rates (
  currency TEXT NOT NULL,
  year INTEGER NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  rate REAL NOT NULL CHECK (rate > 0),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (currency, year, date)
) WITHOUT ROWID;

-- trade_flow facts: the party the goods go from and to.
ALTER TABLE facts ADD COLUMN flow_from TEXT;
ALTER TABLE facts ADD COLUMN flow_to TEXT;
