"""Where the project's files live, defined once and anchored on this file."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLE_INPUT = DATA_DIR / "sample" / "articles.jsonl"
SAMPLE_TABLES = DATA_DIR / "sample" / "tables"
