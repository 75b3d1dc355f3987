-- Schema version 5: pages `oborot fetch` could not get, kept so that a later
-- run asks for them again whatever their feed answers (a feed that answers
-- 304 Not Modified is not read again, so its items' URLs are not seen).
-- url: canonical; runs: how many runs failed on it (it is retried while
-- below `fetch --retry-runs`); error: the last run's reason; published and
-- title: what the feed gave with it (the date stays the page's fallback).
-- A row leaves the table in the transaction that records the page as
-- fetched (fetched_urls). (IF NOT EXISTS: a file whose version was set back
-- runs this again.)
CREATE TABLE IF NOT EXISTS fetch_failures (
  url TEXT PRIMARY KEY,
  runs INTEGER NOT NULL,
  error TEXT NOT NULL,
  published TEXT,
  title TEXT,
  first_failed_at TEXT NOT NULL,
  last_failed_at TEXT NOT NULL
) WITHOUT ROWID;
