"""Command line: ``python -m civic validate|build|serve``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from civic.pipeline import check_data
from civic.plural import plural
from civic.problems import display_path
from civic.report import FORMATS
from civic.schema import SchemaError

DEFAULT_DATA = Path("data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="civic", description="Dane aktywności obywatelskiej gminy.")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="sprawdź rekordy (bez budowania strony)")
    validate.add_argument(
        "paths", nargs="*", type=Path, help="folder danych (domyślnie data/) albo pliki rekordów do sprawdzenia"
    )
    validate.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="postać raportu: text (dla ludzi), github (adnotacje), json",
    )

    build = commands.add_parser("build", help="zbuduj stronę do folderu output/")
    build.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    build.add_argument("--output", type=Path, default=Path("output"))

    serve = commands.add_parser("serve", help="pokaż zbudowaną stronę pod adresem http://localhost")
    serve.add_argument("--output", type=Path, default=Path("output"))
    serve.add_argument("--port", type=int, default=8000)

    synth = commands.add_parser("synth", help="utwórz większe miasto z kopii danych (do testów wydajności)")
    synth.add_argument("target", type=Path, help="folder, w którym powstaną dane (zostanie nadpisany)")
    synth.add_argument("--records", type=int, default=10_000, help="ile co najmniej rekordów utworzyć")
    synth.add_argument("--source", type=Path, default=DEFAULT_DATA, help="folder danych do powielenia")

    args = parser.parse_args(argv)
    if args.command == "synth":
        from civic.synthetic import synthesize

        count = synthesize(args.source, args.target, args.records)
        print(f"Utworzono {count} {plural(count, 'rekord', 'rekordy', 'rekordów')} w {args.target}/.")
        return 0
    if args.command == "validate":
        return run_validate(args.paths, args.format)
    if args.command == "build":
        from civic.build import run_build

        return run_build(args.settings, args.output)
    from civic.serve import serve_folder

    return serve_folder(args.output, args.port)


def run_validate(paths: list[Path], fmt: str) -> int:
    try:
        targets = _targets(paths)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    exit_code = 0
    for data_dir, files in targets.items():
        try:
            checked = check_data(data_dir)
        except SchemaError as exc:
            print(f"Błąd w schemacie danych: {exc}", file=sys.stderr)
            return 2
        problems = checked.problems.sorted()
        if files is not None:
            shown = {display_path(f) for f in files}
            problems = [p for p in problems if p.path in shown]
        print(FORMATS[fmt](problems, checked.dataset.count()))
        if problems:
            exit_code = 1
    return exit_code


def _targets(paths: list[Path]) -> dict[Path, list[Path] | None]:
    """Data folders to check, each with the files to report on (None: all)."""
    if not paths:
        paths = [DEFAULT_DATA]
    targets: dict[Path, list[Path] | None] = {}
    for path in paths:
        if path.is_dir():
            targets[path] = None
        elif path.is_file():
            root = _data_root(path)
            files = targets.setdefault(root, [])
            if files is not None:
                files.append(path)
        else:
            raise ValueError(f"Nie ma pliku ani folderu {path}.")
    return targets


def _data_root(path: Path) -> Path:
    for parent in path.resolve().parents:
        if (parent / "schemas").is_dir():
            return parent
    raise ValueError(f"{path} nie leży w folderze danych (nie znaleziono obok folderu schemas/).")


if __name__ == "__main__":
    sys.exit(main())
