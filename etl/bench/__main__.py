"""python -m etl.bench dashboard FOLDER: the dashboard layer alone, in a fresh
process so its memory is its own; prints JSON for etl.bench.run."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from etl.bench.dashboard import dashboard_layer

if len(sys.argv) != 3 or sys.argv[1] != "dashboard":
    sys.exit("usage: python -m etl.bench dashboard TABLES_FOLDER")
logging.getLogger("streamlit").setLevel(logging.ERROR)
measured, described = dashboard_layer(Path(sys.argv[2]))
print(json.dumps({"seconds": measured, "about": described}))
