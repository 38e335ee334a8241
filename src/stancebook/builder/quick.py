"""The quick check that nothing changed since the last complete build.

Standard library only: ``stancebook build`` runs it before importing pandas, so that a rebuild with nothing to
do answers at once.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import fingerprint
from .project import Project, input_files


def build_key(project: Project, options: dict) -> str:
    """One hash of everything a whole build depends on and produces: the project's inputs, its executed chapter
    notebooks, the stancebook code, the library versions and the options."""
    root = project.root
    notebooks = [p for p in (*root.glob("chapters/*.ipynb"), *project.country_notebooks())]
    files = {
        p.relative_to(root).as_posix(): fingerprint.sha256(p.read_bytes())
        for p in sorted({*input_files(root), *notebooks})
    }
    return fingerprint.sha256(
        json.dumps(
            {"files": files, "code": fingerprint.code(), "environment": fingerprint.environment(), "options": options},
            sort_keys=True,
        )
    )


def recorded_key(manifest: Path) -> str:
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("build_key") or ""
    except (OSError, ValueError, AttributeError):
        return ""


def up_to_date(project: Project, options: dict) -> bool:
    """Whether the last complete build ran with these options on exactly these files, and its HTML is there."""
    recorded = recorded_key(project.manifest)
    if not recorded or (options.get("html") and not (project.html_dir / "index.html").is_file()):
        return False
    return recorded == build_key(project, options)
