"""The build cache: execute a notebook only when something it depends on has changed.

A notebook's output depends on its template (with its text fields), its parameters, the part of ``data/`` it
reads (``stancebook.data.scope``: for a country chapter, its own rows), the stancebook code and the versions of the
libraries that draw it. Each is hashed (SHA-256); the hashes of the last successful execution are kept in
``_build/stancebook/manifest.json`` together with a hash of the notebook written then. A notebook whose hashes
all match, and whose output is still the file that was written, is skipped. The manifest records, for every
notebook and for the HTML step, why it ran or was skipped (``stancebook build --explain``).

Jupyter Book's own cache (jupyter-cache) keys a notebook on its code cells only, so a change in ``data/``
would not re-execute anything; this cache exists for that reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import Dataset, scope
from ..data.digest import frame_digest
from ..data.schemas import TABLES
from . import fingerprint
from .fingerprint import sha256
from .project import Project, input_files

if TYPE_CHECKING:
    from .plan import Job

#: bump when the manifest's layout or the meaning of a hash changes: every notebook then runs once
VERSION = 2
#: the file name of each table, by table name (for messages)
TABLE_FILES = {t.name: t.file for t in TABLES}


def data_inputs(
    ds: Dataset, chapter: str, country: str | None = None, memo: dict | None = None, part: Dataset | None = None
) -> dict[str, str]:
    """Hash of each table the chapter reads, over exactly the rows it is given (see ``stancebook.data.scope``;
    ``part``: those rows, when the caller has them already).

    ``memo`` (a dict kept across the jobs of one build) saves hashing the same whole table again."""
    part = scope.restrict(ds, chapter, country) if part is None else part
    memo = {} if memo is None else memo
    digests = {}
    for name in scope.READS[chapter]:
        frame = part.table(name)
        if id(frame) not in memo:
            memo[id(frame)] = (frame, frame_digest(frame))  # the frame is kept so that its id stays unique
        digests[TABLE_FILES[name]] = memo[id(frame)][1]
    return digests


def file_inputs(data_dir: Path, chapter: str) -> dict[str, str]:
    """Hash of each CSV file, for a chapter that reads the files themselves (the data chapter)."""
    if chapter not in scope.READS_FILES:
        return {}
    return {p.name: sha256(p.read_bytes()) for p in sorted(Path(data_dir).glob("*.csv"))}


def job_inputs(project: Project, ds: Dataset, job: Job, memo: dict | None = None, part: Dataset | None = None) -> dict:
    """Everything a job's output depends on, as hashes (``part``: the job's part of the data, if already made).

    The shared facts a chapter may be handed (``stancebook.compute.facts``) need no hash of their own: they are
    handed only to a chapter whose part holds every row they are computed from, so they change only when
    rows hashed here change (or the code, hashed too)."""
    return {
        "template": sha256(job.template.read_bytes()),
        "fields": sha256(json.dumps(job.fields, sort_keys=True, default=str)),
        "parameters": sha256(json.dumps(job.parameters, sort_keys=True)),
        "data": data_inputs(ds, job.chapter, job.country, memo, part),
        "files": file_inputs(project.data_dir, job.chapter),
        "code": fingerprint.code(),
        "environment": fingerprint.environment(),
    }


def key(inputs: dict) -> str:
    return sha256(json.dumps(inputs, sort_keys=True))


@dataclass
class Decision:
    run: bool
    reason: str


def _changed(old: dict, new: dict) -> list[str]:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def explain_change(old: dict, new: dict) -> list[str]:
    """What differs between two sets of inputs, in words."""
    reasons = []
    if old.get("template") != new.get("template"):
        reasons.append("its template changed")
    if old.get("fields") != new.get("fields"):
        reasons.append("its text fields changed (title or citations worked out from the data)")
    if old.get("parameters") != new.get("parameters"):
        reasons.append("its parameters changed")
    tables = _changed(old.get("data", {}), new.get("data", {}))
    if tables:
        reasons.append("data it reads changed: " + ", ".join(tables))
    files = _changed(old.get("files", {}), new.get("files", {}))
    if files:
        reasons.append("data files changed: " + ", ".join(files))
    code = _changed(old.get("code", {}), new.get("code", {}))
    if code:
        reasons.append("stancebook code changed: " + ", ".join(code))
    env_old, env_new = old.get("environment", {}), new.get("environment", {})
    env = [f"{k} {env_old.get(k, 'none')} -> {env_new.get(k, 'none')}" for k in _changed(env_old, env_new)]
    if env:
        reasons.append("software versions changed: " + ", ".join(env))
    for name in sorted(set(new) - {"template", "fields", "parameters", "data", "files", "code", "environment"}):
        if old.get(name) != new.get(name):
            reasons.append(f"{name} changed")
    return reasons or ["its inputs changed"]


class Manifest:
    """The record of the last build: for each notebook, the hashes it was executed from and why it last ran."""

    def __init__(self, project: Project, entries: dict | None = None, html: dict | None = None, build_key: str = ""):
        self.project = project
        self.root = project.root
        self.notebooks: dict[str, dict] = entries or {}
        self.html: dict = html or {}
        #: ``stancebook.builder.quick.build_key`` of the last complete build ('' while a build is under way)
        self.build_key = build_key

    @classmethod
    def read(cls, project: Project) -> Manifest:
        try:
            raw = json.loads(project.manifest.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return cls(project)
        if raw.get("version") != VERSION:
            return cls(project)
        return cls(project, raw.get("notebooks", {}), raw.get("html", {}), raw.get("build_key", ""))

    def write(self) -> None:
        """Write the manifest atomically: a reader (or an interrupted build) sees the old or the new one."""
        path = self.project.manifest
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps(
                {"version": VERSION, "build_key": self.build_key, "notebooks": self.notebooks, "html": self.html},
                indent=1,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
        os.replace(tmp, path)

    def decide(self, output: Path, inputs: dict, force: bool = False) -> Decision:
        """Whether the notebook written to ``output`` must be executed, and why."""
        rel = self._rel(output)
        entry = self.notebooks.get(rel)
        if force:
            return Decision(True, "forced (--force)")
        if entry is None:
            return Decision(True, "no record of an earlier execution")
        if not output.is_file():
            return Decision(True, f"its output {rel} is missing")
        if sha256(output.read_bytes()) != entry.get("output"):
            return Decision(True, f"its output {rel} was changed after it was written")
        if entry.get("key") != key(inputs):
            return Decision(True, "; ".join(explain_change(entry.get("inputs", {}), inputs)))
        when = entry.get("executed_at", "an earlier build")
        return Decision(False, f"unchanged since it was executed at {when} ({entry.get('seconds', 0):.1f} s)")

    def record(
        self, output: Path, label: str, inputs: dict, content: bytes, seconds: float, reason: str, worker: str = ""
    ) -> None:
        self.notebooks[self._rel(output)] = {
            "label": label,
            "key": key(inputs),
            "inputs": inputs,
            "output": sha256(content),
            "seconds": round(seconds, 2),
            "executed_at": now(),
            "reason": reason,
            "worker": worker,
            "status": "executed",
        }

    def mark(self, output: Path, status: str, reason: str) -> None:
        """Record the outcome of this build for a notebook that was not (successfully) executed."""
        entry = self.notebooks.get(self._rel(output))
        if entry is not None:
            entry["status"], entry["reason"] = status, reason

    def seconds(self, output: Path) -> float | None:
        entry = self.notebooks.get(self._rel(output))
        return None if entry is None else entry.get("seconds")

    def forget(self, output: Path) -> None:
        self.notebooks.pop(self._rel(output), None)

    def recorded(self) -> list[Path]:
        """The notebooks the manifest has a record of."""
        return [self.root / rel for rel in sorted(self.notebooks)]

    def _rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


# --- the HTML step ------------------------------------------------------------------------------------------

#: inputs of the HTML build whose change makes Sphinx's incremental build unreliable (it kept stale citation
#: links after a configuration change, and never removes the page of a chapter that left the book): when one
#: of them changes, the book is rebuilt from scratch, in a clean stage
STRUCTURE = ("config", "toc", "bibliography", "pages", "static", "code", "environment", "notebook set")
#: the project inputs the HTML build reads (the templates are read through the executed notebooks)
HTML_READS = ("config", "toc", "bibliography", "pages", "static", "data")


def html_inputs(project: Project, notebooks: list[Path]) -> dict:
    """Hashes of everything the HTML build reads: configuration, TOC, bibliography, Markdown pages, static
    files, the data (published as downloads, and described in every page footer), the chapters it publishes,
    the stancebook code (the Sphinx extension) and the software versions."""
    root = project.root

    def digest(paths: list[Path]) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): sha256(p.read_bytes()) for p in sorted(paths) if p.is_file()}

    inputs = {kind: digest(input_files(root, (kind,))) for kind in HTML_READS}
    return {
        **inputs,
        "notebook set": [p.relative_to(root).as_posix() for p in notebooks],
        "notebooks": digest(notebooks),
        "code": fingerprint.code(),
        "environment": fingerprint.environment(),
    }


def decide_html(manifest: Manifest, inputs: dict, html_index: Path, force: bool = False) -> tuple[str, str]:
    """The HTML step's mode, 'skip', 'update' (Sphinx's incremental build) or 'full', and why."""
    old = manifest.html.get("inputs")
    if force:
        return "full", "forced (--force)"
    if old is None:
        return "full", "no record of an earlier HTML build"
    if not html_index.is_file():
        return "full", f"{html_index.name} is missing"
    changed = [k for k in inputs if old.get(k) != inputs[k]]
    if not changed:
        return "skip", f"unchanged since it was built at {manifest.html.get('built_at', 'an earlier build')}"
    detail = []
    for k in changed:
        if isinstance(inputs[k], dict):
            names = _changed(old.get(k) or {}, inputs[k])
            detail.append(f"{k}: {', '.join(n.rsplit('/', 1)[-1] for n in names)}")
        else:
            detail.append(k)
    mode = "full" if any(k in STRUCTURE for k in changed) else "update"
    return mode, "changed: " + "; ".join(detail)
