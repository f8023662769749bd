"""The Jinja templates for new documents: shipped ones, overridable per notes repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerkit.documents import STAGES

SUFFIX = ".md.j2"


def shipped_dir() -> Path:
    """The templates installed with the package (or, in a checkout, the top-level folder)."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parents[1] / "templates"


def file_name(stage: str) -> str:
    return stage + SUFFIX


def override_dir(root: Path) -> Path:
    return root / "templates"


def listing(root: Path) -> list[tuple[str, Path, bool]]:
    """(stage, the file used, whether the notes repository overrides it) for each stage."""
    rows = []
    for stage in STAGES:
        own = override_dir(root) / file_name(stage)
        rows.append((stage, own, True) if own.is_file() else (stage, shipped_dir() / file_name(stage), False))
    return rows


def render(root: Path, stage: str, context: dict[str, Any]) -> str:
    """The body for a new `stage` document; a template error becomes a CareerkitError."""
    import jinja2

    from careerkit.errors import CareerkitError

    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(override_dir(root)),
            jinja2.FileSystemLoader(shipped_dir()),
        ]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    name = file_name(stage)
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or name
        raise CareerkitError(f"template error: {error.message}", path=where, line=error.lineno) from None
    except jinja2.UndefinedError as error:
        raise CareerkitError(f"template uses an unknown variable ({error.message})", path=name) from None
    except jinja2.TemplateNotFound:
        raise CareerkitError("template not found; reinstall careerkit or add it to templates/", path=name) from None
