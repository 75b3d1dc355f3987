-- A share of "one side's foreign trade" (turnover_share, name foreign_trade)
-- never disagrees with another: «5 % of Russia's trade» and «60 % of
-- Belarus's» are both true of one year, since the contract does not say
-- whose (CanDisagree in src/kb/store.h). Earlier versions marked such shares
-- as conflicting; the flag is cleared here, so the fact_list view, Python's
-- kb.facts() and any SQL reading fact_groups.conflict agree with the CLI and
-- the dashboard.
UPDATE fact_groups SET conflict = 0
WHERE conflict = 1 AND type = 'turnover_share' AND coalesce(name, '') = 'foreign_trade';
