"""The Jinja templates for new documents: shipped ones, overridable per notes repository."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from careerkit.values.model import STAGES

SUFFIX = ".md.j2"


def shipped_dir() -> Path:
    """The templates installed with the package (or, in a checkout, its top-level `templates/` folder)."""
    from importlib.resources import files

    package = files("careerkit")
    installed = package / "templates"
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    # An editable install of a checkout: the package is src/careerkit, the templates are beside src/.
    return Path(str(package)).resolve().parents[1] / "templates"


def file_name(stage: str) -> str:
    return stage + SUFFIX


def override_dir(root: Path) -> Path:
    return root / "templates"


def own_path(root: Path, stage: str) -> Path:
    """Where the notes keep their own template for `stage` (used instead of the shipped one when it is there)."""
    return override_dir(root) / file_name(stage)


def listing(root: Path) -> list[tuple[str, Path, bool]]:
    """(stage, the file used, whether the notes repository overrides it) for each stage."""
    rows = []
    for stage in STAGES:
        own = own_path(root, stage)
        rows.append((stage, own, True) if own.is_file() else (stage, shipped_dir() / file_name(stage), False))
    return rows


# What a template may use (see the README, "Safety"): measured, a shipped template renders in
# milliseconds, a few KB, a few MB of memory; these limits leave room for any honest template.
MAX_SECONDS = 3.0  # wall-clock time for one render
MAX_OUTPUT = 1_000_000  # characters of output, or of one value built by `*`
MAX_MEMORY = 256 * 1024 * 1024  # bytes of address space a render may add (Linux)
MAX_SOURCE = 1024 * 1024  # bytes of one template file
MAX_POWER_BITS = 64 * 1024  # bits of a number built by `**`


class _Limit(BaseException):
    """A template went past a limit. A BaseException, so that no `except Exception` inside Jinja can
    swallow it when it is raised from the timer's signal handler."""


def render(root: Path, stage: str, context: dict[str, Any]) -> str:
    """The body for a new `stage` document; every template error is a CareerkitError naming the file and line.

    Rendered in Jinja's immutable sandbox (no access to Python internals, no
    changing the values given), with limits on time, output and memory, from
    templates read only inside the notes' `templates/` or the package.
    """
    import jinja2

    from careerkit.errors import CareerkitError

    environment = _environment(root)
    name = file_name(stage)
    chunks: list[str] = []
    try:
        with _limits():
            template = environment.get_template(name)
            size = 0
            output = template.root_render_func(template.new_context(context))
            for chunk in output:
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise _Limit(f"writes more than {MAX_OUTPUT:,} characters; not rendered", _suspended_at(output))
                chunks.append(chunk)
    except CareerkitError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = _shown_path(root, error.filename) if error.filename else f"templates/{name}"
        message = f"template error: {_one_line(error.message or '')}"
        raise CareerkitError(message, path=where, line=error.lineno) from None
    except jinja2.TemplateNotFound as error:
        if error.name == name:
            raise CareerkitError(
                "template not found; reinstall careerkit or add it to templates/", path=f"templates/{name}", line=1
            ) from None
        where, line = _where(root, environment, error, name)
        raise CareerkitError(
            f"template includes {error.name!r}, which is not in templates/ (nor shipped)", path=where, line=line
        ) from None
    except (Exception, _Limit) as error:
        where, line = _where(root, environment, error, name)
        raise CareerkitError(_message(error), path=where, line=line) from None
    return "".join(chunks)


def _environment(root: Path) -> Any:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        # `'x' * 10**10` and `10 ** (10 ** 10)` would take all memory or time before any other limit could act.
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT:
                        raise _Limit(f"builds a value of more than {MAX_OUTPUT:,} characters; not rendered")
            elif (
                operator == "**"
                and isinstance(left, int)
                and isinstance(right, int)
                and right > 0
                and abs(left) > 1
                and left.bit_length() * right > MAX_POWER_BITS
            ):
                raise _Limit("computes a number too large to write; not rendered")
            return super().call_binop(context, operator, left, right)

    environment = Sandbox(
        loader=_loader(root),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,
    )
    environment.globals.pop("lipsum", None)  # nothing a document needs, and text without limit
    return environment


def _shown_path(root: Path, filename: str) -> str:
    """A template's file as the user knows it: `templates/<name>`, in the notes or in the package."""
    path = Path(filename)
    for base in (override_dir(root), shipped_dir()):
        if path.is_relative_to(base):
            return "templates/" + path.relative_to(base).as_posix()
    return path.name


def _one_line(text: str) -> str:
    first = (text or "").strip().splitlines()
    return first[0][:200] if first else ""


def _suspended_at(output: Any) -> list[tuple[str, int]]:
    """Where the template's output generator (and those it delegates to: includes, blocks) stands."""
    places = []
    while output is not None and getattr(output, "gi_frame", None) is not None:
        places.append((output.gi_frame.f_code.co_filename, output.gi_frame.f_lineno))
        output = output.gi_yieldfrom
    return places


def _where(root: Path, environment: Any, error: BaseException, name: str) -> tuple[str, int]:
    """The template file and line the error was raised in (the innermost one), from the traceback."""
    compiled = {template.filename: template for template in environment.cache.values() if template.filename}
    places = list(error.args[1]) if isinstance(error, _Limit) and len(error.args) > 1 else []
    trace = error.__traceback__
    while trace is not None:
        places.append((trace.tb_frame.f_code.co_filename, trace.tb_lineno))
        trace = trace.tb_next
    where = (f"templates/{name}", 1)
    for filename, line in places:
        template = compiled.get(filename)
        if template is not None:
            where = (_shown_path(root, template.filename), template.get_corresponding_lineno(line))
    return where


def _message(error: BaseException) -> str:
    """What went wrong, in one line; never a value from the notes (only Jinja's and Python's own words)."""
    import jinja2
    from jinja2.exceptions import SecurityError

    if isinstance(error, _Limit):
        return f"template {error.args[0]}"
    if isinstance(error, jinja2.UndefinedError):
        return f"template uses an unknown variable ({_one_line(error.message or '')})"
    if isinstance(error, SecurityError):
        return f"template does something careerkit does not allow ({_one_line(str(error))}); not rendered"
    if isinstance(error, RecursionError):
        return "template calls or includes itself without end; not rendered"
    if isinstance(error, MemoryError):
        return f"template needs more than {MAX_MEMORY // 2**20} MiB of memory; not rendered"
    if isinstance(error, (ArithmeticError, TypeError, jinja2.TemplateError)):
        return f"template error: {_one_line(str(error))}"
    return f"template error ({type(error).__name__})"


def _loader(root: Path) -> Any:
    """Templates from the notes' `templates/`, else from the package; never from anywhere else.

    A template in the notes that leads out of `templates/` (`own_refusal`), is not a
    regular file, larger than MAX_SOURCE or not UTF-8 is refused (an error,
    not a silent fallback to the shipped one).
    """
    import jinja2
    from jinja2.loaders import split_template_path

    class Loader(jinja2.BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)  # refuses `..`
            own = override_dir(root).joinpath(*pieces)
            if os.path.lexists(own):
                return read_own(root, own), str(own), lambda: True
            shipped = shipped_dir().joinpath(*pieces)
            if shipped.is_file():
                return _read(root, shipped, _shipped_refusal), str(shipped), lambda: True
            raise jinja2.TemplateNotFound(template)

    return Loader()


def read_own(root: Path, path: Path) -> str:
    """The text of the notes' own template at `path` (under `templates/`), with every check `new` makes."""
    return _read(root, path, lambda target: own_refusal(root, target))


def own_refusal(root: Path, target: Path) -> str | None:
    """Why the notes' own template whose real path is `target` is not read (None: it is): the one rule for
    every template read, includes and imports too. Only inside `templates/` by real path (its links
    followed), itself inside the notes root, and never in a `.git` folder: a link in a cloned repository
    must not turn `.git/config` or a private key into the text of a note."""
    real_root = root.resolve()
    folder = override_dir(root).resolve()
    if not (target.is_relative_to(real_root) and folder.is_relative_to(real_root)):
        return "link to outside the notes root; not used"
    if ".git" in target.relative_to(real_root).parts:
        return "link into a .git folder, which careerkit never reads as a template; not used"
    if not target.is_relative_to(folder):
        return "link to outside templates/; not used"
    return None


def _shipped_refusal(target: Path) -> str | None:
    return None if target.is_relative_to(shipped_dir().resolve()) else "link to outside careerkit's templates; not used"


def _read(root: Path, path: Path, refusal: Callable[[Path], str | None]) -> str:
    """The text of a template file that is (its links followed) a regular file that `refusal` allows."""
    from careerkit.errors import CareerkitError
    from careerkit.fs.read import NotARegularFile, TooLarge, read_regular

    shown = _shown_path(root, str(path))
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise CareerkitError("broken link (its target does not exist); not used", path=shown, line=1) from None
    except (OSError, RuntimeError):
        raise CareerkitError("link that cannot be followed (a loop?); not used", path=shown, line=1) from None
    why = refusal(target)
    if why is not None:
        raise CareerkitError(why, path=shown, line=1)
    try:
        data = read_regular(target, MAX_SOURCE, follow_links=False)
    except NotARegularFile:
        raise CareerkitError("is not a regular file; not used", path=shown, line=1) from None
    except TooLarge:
        raise CareerkitError(
            f"template is larger than {MAX_SOURCE // 1024} KiB; not used", path=shown, line=1
        ) from None
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise CareerkitError(f"cannot read template: {reason}", path=shown, line=1) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CareerkitError("template is not UTF-8 text", path=shown, line=line) from None


@contextlib.contextmanager
def _limits() -> Iterator[None]:
    """While rendering: a wall-clock timer (main thread only) and a cap on memory (Linux)."""
    with _memory_cap(), _timer():
        yield


@contextlib.contextmanager
def _timer() -> Iterator[None]:
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # no timer here: the other limits still hold
        return

    def expired(signum: int, frame: Any) -> None:
        raise _Limit(f"took longer than {MAX_SECONDS:g} seconds; not rendered")

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    earlier = signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if earlier[0] > 0:  # someone else's timer was running: let it go on
            signal.setitimer(signal.ITIMER_REAL, max(earlier[0] - (time.monotonic() - started), 0.001), earlier[1])


@contextlib.contextmanager
def _memory_cap() -> Iterator[None]:
    try:
        import resource

        with open("/proc/self/statm", "rb") as stream:
            in_use = int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = in_use + MAX_MEMORY
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft != resource.RLIM_INFINITY and soft <= cap:
            raise OSError("already limited")
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, IndexError):
        yield  # not Linux, or limited already: the time and output limits still hold
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
