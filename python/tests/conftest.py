"""Fixtures: the built CLI, and a knowledge base made from the bundled sample
corpus (data/sample: articles written for this project) once per session."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("OBOROT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
OBOROT = os.environ.get("OBOROT_BIN", str(SOURCE_DIR / "build" / "oborot"))


def run(*args, check=True):
    """Runs the oborot CLI; returns the CompletedProcess (bytes stdout, text stderr)."""
    p = subprocess.run([OBOROT, *map(str, args)], capture_output=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"oborot {' '.join(map(str, args))}: exit {p.returncode}\n{p.stderr.decode()}")
    return p


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory):
    db = tmp_path_factory.mktemp("kb") / "kb.db"
    run("ingest", "--quiet", "--db", db, SOURCE_DIR / "data" / "sample")
    return db
