"""oborot for Python: facts from Russian-language trade news, and the knowledge base as pandas.

    import oborot
    facts = oborot.extract(text="Товарооборот Беларуси и Калужской области в 2023 году составил "
                                "1,2 млрд долларов.", id="a1", published="2024-02-01")
    ex = oborot.Extractor()                      # reuse across calls; threads run in parallel
    facts = ex.extract(html=page_bytes, id="p1")
    kb = oborot.open_kb("oborot.db")             # a database `oborot ingest` wrote
    df = kb.facts(party="RU-KLU", type="turnover")

`extract` returns the lines `oborot extract` writes, as dicts: the document
line (type "document") first, then one dict per fact (README, "Fact format").
"""

import json
import sqlite3

from . import _oborot

__all__ = ["Extractor", "extract", "open_kb", "KnowledgeBase", "party_name"]

_MAX_DOC_BYTES = 16 << 20


class Extractor:
    """An extractor built once (gazetteers, lexicons) and reused for every document.

    Thread-safe: extract() releases the GIL while the C++ engine works, so a
    ThreadPoolExecutor over one Extractor uses every core.
    """

    def __init__(self):
        self._ex = _oborot.Extractor()

    def extract(self, text=None, html=None, id="doc", published=None, title=None, url=None,
                max_doc_bytes=_MAX_DOC_BYTES):
        """Facts of one document as dicts (document line first).

        text: the article as str (or UTF-8/cp1251/KOI8-R bytes); html: a page
        (str or bytes) whose main text is extracted. Exactly one of them.
        published: "YYYY-MM-DD" resolves «в прошлом году». Raises ValueError
        for input that is empty, binary or over max_doc_bytes, naming `id`.
        """
        if (text is None) == (html is None):
            raise TypeError("give exactly one of text= or html=")
        body = text if text is not None else html
        if isinstance(body, str):
            body = body.encode("utf-8")
        if not isinstance(body, (bytes, bytearray)):
            raise TypeError("text and html must be str or bytes")
        if len(body) == 0:
            raise ValueError(f"{id}: empty document")
        # pybind11 passes bytes to std::string unchanged.
        lines = self._ex.process(
            bytes(body) if text is not None else b"", bytes(body) if html is not None else b"",
            str(id), published or "", title or "", url or "", int(max_doc_bytes))
        return [json.loads(line) for line in lines]


_default = None


def extract(text=None, html=None, id="doc", published=None, title=None, url=None):
    """Facts of one document with a shared Extractor (see Extractor.extract)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text=text, html=html, id=id, published=published, title=title, url=url)


def party_name(code):
    """The Russian name of a party code ("Калужская область" for "RU-KLU"), or ""."""
    return _oborot.party_name(code)


class KnowledgeBase:
    """A read-only view of an oborot knowledge base through its documented SQL
    views (docs/schema.md), returning pandas DataFrames."""

    def __init__(self, path):
        self.path = str(path)
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        names = {r[0] for r in self._con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        if "fact_list" not in names:
            raise ValueError(f"{self.path}: no fact_list view; open it once with `oborot ingest` of this version")

    def close(self):
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def sql(self, query, params=()):
        """Any read-only query as a DataFrame."""
        import pandas as pd
        return pd.read_sql_query(query, self._con, params=params)

    def facts(self, party=None, type=None, status=None):
        """One row per merged fact (view fact_list) with the parties' names.

        party: a code ("RU-KLU") or a name in any form ("калужской области"),
        on either side; type: "turnover", "trade_flow", "meeting", ...;
        status: "actual" or "target". Numbers are floats, years nullable
        integers, dates pandas datetimes, flags booleans.
        """
        import pandas as pd
        where, params = [], []
        if party:
            code = party if party.upper() == party else (_oborot.resolve_party(party) or party)
            where.append("(party_a = ? OR party_b = ?)")
            params += [code, code]
        if type:
            where.append("type = ?")
            params.append(type)
        if status:
            where.append("status = ?")
            params.append(status)
        query = "SELECT * FROM fact_list" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY fact"
        df = pd.read_sql_query(query, self._con, params=params)
        return _typed(df)

    def sources(self, fact=None):
        """Every article behind the facts (view fact_sources), or behind one fact."""
        import pandas as pd
        if fact is None:
            df = pd.read_sql_query("SELECT * FROM fact_sources ORDER BY fact, source", self._con)
        else:
            df = pd.read_sql_query("SELECT * FROM fact_sources WHERE fact = ? ORDER BY source", self._con,
                                   params=[int(fact)])
        df["published"] = pd.to_datetime(df["published"], errors="coerce")
        return df

    def official(self):
        """Announced actual turnover beside official figures (view announced_vs_official)."""
        return self.sql("SELECT * FROM announced_vs_official ORDER BY party_a, party_b, year")


def _typed(df):
    import pandas as pd
    for col in ("year", "sources", "fact", "quantity"):
        if col in df:
            df[col] = df[col].astype("Int64") if col != "quantity" else df[col].astype("float64")
    for col in ("value", "percent"):
        if col in df:
            df[col] = df[col].astype("float64")
    for col in ("sectoral", "conflict"):
        if col in df:
            df[col] = df[col].fillna(0).astype(bool)
    for col in ("date", "announced", "first_published", "last_published"):
        if col in df:
            df[col] = pd.to_datetime(df[col], errors="coerce")
    for side in ("party_a", "party_b"):
        if side in df:
            df.insert(df.columns.get_loc(side) + 1, side + "_name", df[side].map(
                lambda c: _oborot.party_name(c) if isinstance(c, str) else ""))
    return df


def open_kb(path):
    """Opens a knowledge base read-only (see KnowledgeBase)."""
    return KnowledgeBase(path)
