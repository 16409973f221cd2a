"""Optional mypyc-compiled hot modules, and the stamp that decides whether to use them.

Why: extraction is CPU-bound Python; mypyc compiles the matching, mention and
relation modules unchanged into faster C extensions. Why optional: Streamlit
Community Cloud installs requirements.txt only, so pure Python must always work.
Compiled modules are used only while build/compiled/STAMP equals the hash of
the sources on disk (and of Python's version): an edit after
compiling means pure Python, never a stale .so."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPILED_DIR = ROOT / "build" / "compiled"
DISABLE = "ETL_PURE_PYTHON"
# Plus all of etl/relations/ (hot_sources): a compiled package looks only in its
# compiled folder, so a module added there must make the stamp stale.
HOT = ("etl/matching.py", "etl/mentions.py", "etl/context.py", "etl/text.py")
# Not compiled, copied so that mypyc knows their types; other imports are Any.
TYPES_ONLY = ("etl/knowledge.py", "etl/paths.py")
MYPY_INI = "[mypy]\nignore_missing_imports = True\nfollow_imports = silent\n"

ACTIVE = False  # set once, by activate() at `import etl`
REASON = "not decided yet"


def hot_sources(root: Path | None = None) -> list[str]:
    """The compiled modules' paths relative to the repository, sorted."""
    base = root or ROOT
    relations = [p.relative_to(base).as_posix() for p in (base / "etl" / "relations").glob("*.py")]
    return sorted({*HOT, *relations})


def read_sources(root: Path | None = None) -> dict[str, bytes]:
    """What the compiled code depends on: the hot modules and, as the types it
    was compiled against, TYPES_ONLY (an edit there must mean pure Python too)."""
    base = root or ROOT
    hot = {rel: (base / rel).read_bytes() for rel in hot_sources(root)}
    return {**hot, **{rel: (base / rel).read_bytes() if (base / rel).exists() else b"" for rel in TYPES_ONLY}}


def digest(sources: dict[str, bytes]) -> str:
    """The STAMP: this Python and the sources, hashed. (Not mypy's version: an
    extension, once built, does not depend on it, and reading it costs 40 ms.)"""
    h = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0".encode())
    for rel in sorted(sources):
        h.update(f"{rel}\0{len(sources[rel])}\0".encode())
        h.update(sources[rel])
    return h.hexdigest()


def recorded(folder: Path) -> str | None:
    """The STAMP written by the last complete compile into folder, if any."""
    try:
        return (folder / "STAMP").read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


def status(folder: Path | None = None, root: Path | None = None) -> tuple[bool, str]:
    """(use the compiled modules?, why): disabled, missing, stale or active."""
    where = folder or COMPILED_DIR
    if os.environ.get(DISABLE):
        return False, f"disabled by {DISABLE}={os.environ[DISABLE]}"
    stamp = recorded(where)
    if stamp is None:
        return False, f"missing: no {where / 'STAMP'}; run python -m etl compile"
    try:
        current = digest(read_sources(root))
    except OSError as err:  # a source removed since compiling
        current = str(err)
    if stamp != current:
        return False, "stale: a source (or Python) changed since compiling; run python -m etl compile"
    return True, f"active: compiled modules in {where}"


def activate(package_path: list[str]) -> None:
    """At `import etl`: the compiled modules first, if the STAMP is current. The
    group library is loaded here, so one that cannot load means pure Python, not
    an ImportError later; sys.path gets its folder appended, never shadowing."""
    global ACTIVE, REASON
    ACTIVE, REASON = status()
    if not ACTIVE:
        return
    package_path.insert(0, str(COMPILED_DIR / "etl"))
    if str(COMPILED_DIR) not in sys.path:
        sys.path.append(str(COMPILED_DIR))
    try:
        for lib in COMPILED_DIR.glob("*__mypyc.*"):
            importlib.import_module(lib.name.split(".")[0])
    except ImportError as err:
        package_path.remove(str(COMPILED_DIR / "etl"))
        sys.path.remove(str(COMPILED_DIR))
        ACTIVE, REASON = False, f"broken: {err}"


def active() -> bool:
    """Whether the compiled modules are the ones this process imports."""
    return ACTIVE


def missing_tools() -> str | None:
    """Why compiling cannot even start, or None."""
    if importlib.util.find_spec("mypyc") is None:
        return "mypy (with mypyc) is not installed: pip install -r requirements-dev.txt"
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not installed (mypyc builds through it): pip install setuptools"
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler: {compiler} is not on PATH (Debian: apt-get install gcc)"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "no Python headers (Python.h); Debian: apt-get install python3-dev"
    return None


def install(work: Path, sources: list[str], stamp: str) -> None:
    """Move the extensions into COMPILED_DIR at once: built in a sibling folder,
    then swapped in, so an interrupted compile never leaves half a folder."""
    COMPILED_DIR.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".compiled-", dir=COMPILED_DIR.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide it from a server running as another user
    old = staging.with_name(staging.name + "-old")
    try:
        for lib in work.glob("*.so"):  # mypyc's shared group library
            shutil.copy2(lib, staging / lib.name)
        for rel in sources:
            built = list((work / rel).parent.glob(Path(rel).stem + ".*.so"))
            if len(built) != 1:
                raise RuntimeError(f"mypyc made no extension for {rel}")
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built[0], staging / Path(rel).parent / built[0].name)
        (staging / "STAMP").write_text(stamp + "\n", encoding="ascii")  # last: it vouches for the rest
        if COMPILED_DIR.exists():
            COMPILED_DIR.rename(old)
        staging.rename(COMPILED_DIR)
    finally:  # whatever happened, no half folder stays behind
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def compile_hot() -> int:
    """python -m etl compile: 0 when the compiled modules are current, 1 if not."""
    sources = read_sources()  # read once: the stamp is of exactly what is compiled
    stamp = digest(sources)
    hot = [rel for rel in sources if rel not in TYPES_ONLY]
    if recorded(COMPILED_DIR) == stamp:
        print(f"compiled modules are current ({COMPILED_DIR})")
        return 0
    if problem := missing_tools():
        print(f"error: cannot compile the hot modules: {problem}; pure Python is used", file=sys.stderr)
        return 1
    print(f"compiling {len(hot)} modules with mypyc (about 30 s)...", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="etl-mypyc-") as tmp:
        work = Path(tmp)
        for rel, data in sources.items():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            (work / rel).write_bytes(data)
        (work / "etl" / "__init__.py").write_text('"""The etl package, for type checking only."""\n')
        (work / "mypy.ini").write_text(MYPY_INI)
        proc = subprocess.run([sys.executable, "-m", "mypyc", "--config-file", "mypy.ini", *hot],
                              cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            print(f"error: mypyc failed (exit {proc.returncode}); pure Python is used. Its last lines:\n{tail}",
                  file=sys.stderr)
            return 1
        try:
            install(work, hot, stamp)
        except (OSError, RuntimeError) as err:
            print(f"error: could not install the compiled modules: {err}; pure Python is used", file=sys.stderr)
            return 1
    print(f"compiled {len(hot)} modules into {COMPILED_DIR} in {time.perf_counter() - started:.0f} s")
    return 0


def check() -> int:
    """python -m etl compile --check: 0 if this process runs the compiled modules."""
    if not ACTIVE:
        print(f"compiled modules are not in use: {REASON}")
        return 1
    names = [rel[:-3].replace("/", ".").removesuffix(".__init__") for rel in hot_sources()]
    stray = [n for n in names if not str(importlib.import_module(n).__file__).startswith(str(COMPILED_DIR))]
    if stray:
        print(f"compiled modules are only partly in use: pure Python for {', '.join(stray)}")
        return 1
    print(f"compiled modules are in use: {len(names)} modules from {COMPILED_DIR}")
    return 0
