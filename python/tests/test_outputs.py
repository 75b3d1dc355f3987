"""The CLI's data outputs read back as analysts read them: Excel workbooks
with openpyxl, CSV with pandas; official figures and rates imported with bad
rows reported by line."""
import datetime
import io
import sqlite3

import openpyxl
import pandas as pd
import pytest

from conftest import run


def sql(db, query):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def header(ws):
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def column(ws, name):
    i = header(ws).index(name)
    return [row[i] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_parties_workbook_has_numbers_dates_frozen_header_and_filter(sample_kb, tmp_path):
    out = tmp_path / "parties.xlsx"
    run("parties", "--db", sample_kb, "--format", "xlsx", "--out", out)
    wb = openpyxl.load_workbook(out)
    ws = wb["parties"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    h = header(ws)
    assert h[:4] == ["party_a", "party_a_name", "party_b", "party_b_name"]
    values = [v for v in column(ws, "actual_value") if v is not None]
    assert values and all(isinstance(v, (int, float)) for v in values)
    cell = ws.cell(row=2 + column(ws, "actual_value").index(values[0]), column=h.index("actual_value") + 1)
    assert cell.number_format == "#,##0"
    dates = [v for v in column(ws, "target_announced") if v is not None]
    assert dates and all(isinstance(v, datetime.datetime) for v in dates)
    assert "Калужская область" in column(ws, "party_b_name")
    assert ws.column_dimensions["B"].width > 10


def test_show_workbook_has_one_sheet_per_section(sample_kb, tmp_path):
    out = tmp_path / "show.xlsx"
    run("show", "--db", sample_kb, "RU-SPE", "--format", "xlsx", "--out", out)
    wb = openpyxl.load_workbook(out)
    assert {"figures", "targets", "changes", "flows", "official", "meetings", "participants", "sources"} <= set(
        wb.sheetnames)
    assert wb["meetings"].max_row >= 2 and wb["participants"].max_row >= 2


def test_show_csv_has_one_header_and_a_section_column(sample_kb):
    text = run("show", "--db", sample_kb, "RU-SPE", "--csv").stdout.decode()
    lines = text.splitlines()
    assert lines[0].startswith("section,")
    assert sum(1 for line in lines if line.startswith("section,")) == 1
    df = pd.read_csv(io.StringIO(text))
    assert {"figures", "meetings", "sources"} <= set(df["section"])
    assert df["value"].dtype == "float64"


def test_export_csv_reads_with_the_right_dtypes_and_adds_up(sample_kb, tmp_path):
    facts_csv, sources_csv, people_csv = tmp_path / "f.csv", tmp_path / "s.csv", tmp_path / "p.csv"
    run("export", "--db", sample_kb, "--format", "csv", "--out", facts_csv, "--sources", sources_csv,
        "--participants", people_csv)
    df = pd.read_csv(facts_csv)
    assert df["value"].dtype == "float64"
    assert df["year"].dtype in ("float64", "int64")
    assert df["sectoral"].dtype == bool and df["conflict"].dtype == bool
    assert df["sources"].dtype == "int64"
    assert not df["currency"].dropna().str.contains("—").any()
    assert df["fact"].is_unique  # one row per fact
    # summing the export gives the facts' values, type by type
    stored = dict(sql(sample_kb, "SELECT type, total(value) FROM fact_groups GROUP BY type"))
    for t, total in df.groupby("type")["value"].sum().items():
        assert total == pytest.approx(stored[t]), t
    assert len(df) == sql(sample_kb, "SELECT count(*) FROM fact_groups")[0][0]
    assert df["party_a_name"].notna().all()
    sources = pd.read_csv(sources_csv)
    assert set(sources["fact"]) == set(df["fact"])
    assert len(sources) == sql(sample_kb, "SELECT count(*) FROM facts")[0][0]
    people = pd.read_csv(people_csv)
    assert {"name", "role", "party", "party_name"} <= set(people.columns) and len(people) > 0
    assert set(people["fact"]) <= set(df.loc[df["type"] == "meeting", "fact"])


def test_export_workbook_sheets_add_up(sample_kb, tmp_path):
    out = tmp_path / "export.xlsx"
    run("export", "--db", sample_kb, "--format", "xlsx", "--out", out)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["facts", "sources", "participants"]
    rows = list(wb["facts"].iter_rows(values_only=True))
    h = rows[0]
    values = [r[h.index("value")] for r in rows[1:] if r[h.index("value")] is not None]
    assert sum(values) == pytest.approx(sql(sample_kb, "SELECT total(value) FROM fact_groups")[0][0])


def test_export_filters(sample_kb):
    df = pd.read_csv(io.BytesIO(run("export", "--db", sample_kb, "--format", "csv", "--party", "калужская область",
                                    "--type", "turnover").stdout))
    assert len(df) >= 1 and set(df["type"]) == {"turnover"} and set(df["party_b"]) == {"RU-KLU"}
    df = pd.read_csv(io.BytesIO(run("export", "--db", sample_kb, "--format", "csv", "--status", "actual",
                                    "--from", "2022", "--to", "2023").stdout))
    assert len(df) >= 1 and set(df["status"]) == {"actual"} and df["year"].between(2022, 2023).all()
    p = run("export", "--db", sample_kb, "--from", "20x3", check=False)
    assert p.returncode == 2


def test_excel_dialect_opens_in_a_russian_locale(sample_kb):
    data = run("export", "--db", sample_kb, "--format", "csv").stdout
    excel = run("export", "--db", sample_kb, "--format", "csv", "--excel").stdout
    assert excel.startswith(b"\xef\xbb\xbf")
    assert excel.splitlines()[0].decode("utf-8-sig").startswith("fact;type;party_a;")
    a = pd.read_csv(io.BytesIO(data))
    b = pd.read_csv(io.BytesIO(excel), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(a.columns) == list(b.columns)
    assert a["value"].sum() == pytest.approx(b["value"].sum())
    assert (a["percent"].dropna() != a["percent"].dropna().round()).any()  # decimals were written with a comma
    # the table commands take the same option
    assert run("targets", "--db", sample_kb, "--excel").stdout.startswith(b"\xef\xbb\xbfparty_a;")


def test_official_figures_and_rates_beside_announced(sample_kb, tmp_path):
    # a copy: the session's database stays as ingested
    db = tmp_path / "kb.db"
    db.write_bytes(sample_kb.read_bytes())
    official = tmp_path / "official.csv"
    official.write_text(
        "reporter,partner,year,period,flow,value,currency,source,url\n"
        "BY,RU-KLU,2020,year,turnover,400000000,USD,Test statistics: table 1,https://stat.example/t1\n"
        "BY,RU-KLU,2020,year,turnover,oops,USD,Test statistics: table 1,https://stat.example/t1\n"
        "BY,RU-BA,2022,year,export,500000000,USD,Test statistics: table 2,https://stat.example/t2\n"
        "BY,RU-BA,2022,year,import,300000000,USD,Test statistics: table 2,https://stat.example/t2\n",
        encoding="utf-8")
    p = run("import-official", "--db", db, official, check=False)
    assert p.returncode == 1
    err = p.stderr.decode()
    assert f"{official}:3: value \"oops\"" in err and "3 official figures imported, 1 rows refused" in err
    df = pd.read_csv(io.BytesIO(run("parties", "--db", db, "--csv").stdout))
    klu = df[df["party_b"] == "RU-KLU"].iloc[0]
    assert klu["official_value"] == 4e8 and klu["actual_value"] == 5.12e8
    assert klu["difference_percent"] == pytest.approx(28.0)
    assert klu["contradicted"]
    ba = df[df["party_b"] == "RU-BA"].iloc[0]
    assert ba["official_value"] == 8e8 and ba["official_basis"] == "export+import"
    assert not ba["contradicted"]  # 812 announced against 800 official: 1.5 %
    text = run("parties", "--db", db).stdout.decode()
    assert "✗" in text
    # rates: bad rows by line, the rest imported
    rates = tmp_path / "rates.csv"
    rates.write_text("date;currency;rate\n2020-01-15;RUB;61,9\n2020-02-30;RUB;70\n2020-06-15;BYN;2,4\n",
                     encoding="utf-8")
    p = run("import-rates", "--db", db, rates, check=False)
    assert p.returncode == 1 and f"{rates}:3: date" in p.stderr.decode()
    assert sql(db, "SELECT currency, rate FROM year_rates ORDER BY currency") == [("BYN", 2.4), ("RUB", 61.9)]
    assert run("import-rates", "--db", db, rates.parent / "missing.csv", check=False).returncode == 1
