"""Showing, checking and writing an import: all files or none.

1. The staged changes are shown as the data diff shows them (per kind,
   field by field, in Polish).
2. The whole data folder is copied to a temporary folder, the staged files
   are written there, and the copy is validated like a build would. A
   problem that the data folder did not already have stops the import;
   each is printed like ``scripts/validate`` prints it, with the row of the
   source file the value came from.
3. Only then (and never on ``--dry-run``) are the files written: each one
   first to a temporary file beside it, then all renamed into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

from civic.datadiff import compare, markdown
from civic.importers.workspace import Staged, Workspace
from civic.pipeline import check_data
from civic.plural import plural
from civic.problems import Problem, display_path

STOPPED = "Import przerwany: w folderze danych nic nie zostało zapisane."


def commit(ws: Workspace, *, dry_run: bool, out: TextIO) -> int:
    """Show, check and (unless ``dry_run``) write the staged changes; the exit code."""
    if ws.errors:
        for note in ws.notes:
            print(f"Uwaga: {note}", file=out)
        for error in ws.errors:
            print(error, file=out)
        print(f"{_count_problems(len(ws.errors))} w plikach do importu. {STOPPED}", file=out)
        return 1
    shown = display_path(ws.data_dir)
    old = {_relative(ws, s): s.old_text for s in ws.staged.values()}
    new = {_relative(ws, s): s.new_text for s in ws.staged.values()}
    heading = "Import: zmiany do zapisania" + (" (próba, bez zapisu)" if dry_run else "")
    print(markdown(compare(ws.catalog, old, new, shown), heading), file=out)
    for note in ws.notes:
        print(f"Uwaga: {note}", file=out)
    if not ws.staged:
        print("Dane są już aktualne: nie ma nic do zmiany.", file=out)
        return 0
    problems = check_staged(ws)
    if problems:
        for problem in problems:
            print(problem, file=out)
            source = _source(ws, problem)
            if source:
                print(f"    dane z: {source}", file=out)
        print(f"{_count_problems(len(problems))} w importowanych danych. {STOPPED}", file=out)
        return 1
    files = len(ws.staged)
    count = f"{files} {plural(files, 'plik', 'pliki', 'plików')}"
    if dry_run:
        print(f"Próba: dane przeszły sprawdzenie; zapis zmieniłby {count}. Nic nie zapisano.", file=out)
        return 0
    try:
        write_all(list(ws.staged.values()))
    except OSError as exc:
        print(f"Nie udało się zapisać plików ({exc.strerror or exc}). {STOPPED}", file=out)
        return 1
    print(f"Zapisano {count} w {shown}/. Przejrzyj zmiany i otwórz pull request.", file=out)
    return 0


def check_staged(ws: Workspace) -> list[Problem]:
    """Problems the staged files would add to the data folder."""
    before = {_key(p) for p in check_data(ws.data_dir).problems.sorted()}
    with tempfile.TemporaryDirectory(prefix="civic-import-") as tmp:
        copy = Path(tmp).resolve() / "data"
        shutil.copytree(ws.data_dir, copy)
        for staged in ws.staged.values():
            target = copy / staged.path.relative_to(ws.data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(staged.new_text, encoding="utf-8")
        checked = check_data(copy)
        inside, outside = display_path(copy), display_path(ws.data_dir)
        after = [_moved(p, inside, outside) for p in checked.problems.sorted()]
    return [p for p in after if _key(p) not in before]


def write_all(staged: list[Staged]) -> None:
    """Write every file beside its target first, then rename them all into place."""
    ready: list[tuple[Path, Path]] = []
    try:
        for item in staged:
            item.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = item.path.with_name(f".{item.path.name}.import")
            temporary.write_text(item.new_text, encoding="utf-8")
            ready.append((temporary, item.path))
    except OSError:
        for temporary, _ in ready:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in ready:
        os.replace(temporary, target)


def _relative(ws: Workspace, staged: Staged) -> str:
    return staged.path.relative_to(ws.data_dir).as_posix()


def _key(problem: Problem) -> tuple[str, str, str, str]:
    return (problem.path, problem.where, problem.code, problem.message)


def _moved(problem: Problem, inside: str, outside: str) -> Problem:
    """A problem found in the temporary copy, as if found in the data folder."""
    path = outside + problem.path[len(inside) :] if problem.path.startswith(inside + "/") else problem.path
    message = problem.message.replace(inside + "/", outside + "/")
    return Problem(path, problem.line, problem.column, problem.where, problem.code, message)


def _source(ws: Workspace, problem: Problem) -> str | None:
    for staged in ws.staged.values():
        if display_path(staged.path) == problem.path:
            field = problem.where.split(".", 1)[-1].split("[", 1)[0].split(".", 1)[0]
            return staged.field_sources.get(field) or staged.source
    return None


def _count_problems(n: int) -> str:
    return f"{n} {plural(n, 'problem', 'problemy', 'problemów')}"
