"""Command line: ``python -m civic validate|build|serve|new|import|diff|editor-schemas|synth|bench``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from civic import heap
from civic.i18n import load_translations
from civic.importers import FORMATS as IMPORT_FORMATS
from civic.pipeline import check_data
from civic.plural import plural
from civic.problems import display_path
from civic.report import FORMATS
from civic.schema import SchemaError

DEFAULT_DATA = Path("data")
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def main(argv: list[str] | None = None) -> int:
    _polish_argparse()
    parser = argparse.ArgumentParser(prog="civic", description="Dane aktywności obywatelskiej gminy.")
    commands = parser.add_subparsers(dest="command", metavar="polecenie", required=True)

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
    build.add_argument("--data", type=Path, help="folder danych (domyślnie CIVIC_DATA_PATH z ustawień)")
    build.add_argument(
        "--full",
        action="store_true",
        help="zbuduj wszystko od nowa, bez pamięci podręcznej poprzedniej budowy (i bez zapisywania jej)",
    )

    serve = commands.add_parser("serve", help="pokaż zbudowaną stronę pod adresem http://localhost")
    serve.add_argument("--output", type=Path, default=Path("output"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--watch",
        action="store_true",
        help="zbuduj stronę, a potem przebudowuj ją po każdej zapisanej zmianie danych, treści, szablonów i ustawień",
    )
    serve.add_argument("--settings", type=Path, default=Path("pelicanconf.py"), help="ustawienia (z --watch)")
    serve.add_argument("--data", type=Path, help="folder danych (z --watch; domyślnie CIVIC_DATA_PATH z ustawień)")

    synth = commands.add_parser("synth", help="utwórz większe miasto z kopii danych (do testów wydajności)")
    synth.add_argument("target", type=Path, help="folder, w którym powstaną dane (zostanie nadpisany)")
    synth.add_argument("--records", type=int, default=10_000, help="ile co najmniej rekordów utworzyć")
    synth.add_argument("--source", type=Path, default=DEFAULT_DATA, help="folder danych do powielenia")

    _staff_commands(commands)
    _bench_command(commands)

    args = parser.parse_args(argv)
    if args.command in STAFF_COMMANDS:
        try:
            return STAFF_COMMANDS[args.command](args)
        except SchemaError as exc:
            return _fail(f"Błąd w schemacie danych: {exc}")
    if args.command == "synth":
        from civic.synthetic import synthesize

        count = synthesize(args.source, args.target, args.records)
        print(f"Utworzono {count} {plural(count, 'rekord', 'rekordy', 'rekordów')} w {args.target}/.")
        return 0
    if args.command == "validate":
        return run_validate(args.paths, args.format)
    if args.command == "build":
        from civic.build import run_build

        overrides = _data_override(args.data)
        if args.full:
            overrides["CIVIC_CACHE_PATH"] = ""
        return run_build(args.settings, args.output, overrides)
    if args.command == "bench":
        from civic.bench import run_bench

        return run_bench(args)
    from civic.serve import serve_and_watch, serve_folder

    if args.watch:
        return serve_and_watch(args.settings, args.output, args.port, _data_override(args.data))
    return serve_folder(args.output, args.port)


def _data_override(data: Path | None) -> dict[str, object]:
    return {"CIVIC_DATA_PATH": str(data.resolve())} if data else {}


def _staff_commands(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="utwórz nowy rekord z opisem wszystkich pól")
    new.add_argument("kind", help="rodzaj rekordu, np. consultation, ngo, budget_project")
    new.add_argument("title", nargs="?", help="tytuł lub nazwa; z niej powstaje identyfikator")
    new.add_argument("--id", dest="record_id", help="identyfikator (nazwa pliku), jeśli inny niż z tytułu")
    new.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder danych (domyślnie data/)")

    imp = commands.add_parser("import", help="wczytaj rekordy z arkusza, pliku Pabulib lub odpisu KRS")
    imp.add_argument("format", choices=sorted(IMPORT_FORMATS), help="table (CSV/XLSX), pabulib (.pb), krs (JSON)")
    imp.add_argument("files", nargs="+", type=Path, help="pliki do wczytania")
    imp.add_argument("--dry-run", action="store_true", help="pokaż zmiany i sprawdź je, ale nic nie zapisuj")
    imp.add_argument("--kind", help="table: rodzaj rekordów w arkuszu (gdy nie wynika z kolumn)")
    imp.add_argument("--edition", help="pabulib: identyfikator edycji (domyślnie bo-ROK)")
    imp.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder danych (domyślnie data/)")

    diff = commands.add_parser("diff", help="zmiany w rekordach między dwiema wersjami (Markdown)")
    diff.add_argument("rev1", help="wcześniejsza wersja: gałąź, znacznik lub commit, np. main")
    diff.add_argument("rev2", nargs="?", help="późniejsza wersja (domyślnie: pliki w folderze roboczym)")
    diff.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder danych (domyślnie data/)")

    schemas = commands.add_parser("editor-schemas", help="odśwież schematy JSON dla edytorów (VS Code)")
    schemas.add_argument("--check", action="store_true", help="tylko sprawdź, czy są aktualne")
    schemas.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder danych (domyślnie data/)")


def _bench_command(commands: argparse._SubParsersAction) -> None:
    from civic.bench import add_arguments

    add_arguments(
        commands.add_parser(
            "bench", help="pomiar wydajności: syntetyczne miasto, sprawdzenie, budowa, przebudowa po jednej zmianie"
        )
    )


def run_new(args: argparse.Namespace) -> int:
    from civic.scaffold import ScaffoldError, create

    if not (args.data / "schemas").is_dir():
        return _fail(f"Nie ma folderu danych {args.data}/ (ze schematami w {args.data}/schemas/).")
    try:
        path = create(args.data, args.kind, args.title, args.record_id)
    except ScaffoldError as exc:
        return _fail(str(exc))
    shown = display_path(path)
    print(f"Utworzono {shown}. Uzupełnij pola i sprawdź plik: scripts/validate {shown}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from civic.importers import import_files

    if args.kind and args.format != "table":
        return _fail("Opcja --kind dotyczy tylko formatu table.")
    if args.edition and args.format != "pabulib":
        return _fail("Opcja --edition dotyczy tylko formatu pabulib.")
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        return _fail("Nie ma pliku: " + ", ".join(str(f) for f in missing) + ".")
    if not (args.data / "schemas").is_dir():
        return _fail(f"Nie ma folderu danych {args.data}/ (ze schematami w {args.data}/schemas/).")
    options = {"table": {"kind": args.kind}, "pabulib": {"edition": args.edition}}.get(args.format, {})
    return import_files(args.format, args.files, args.data, dry_run=args.dry_run, out=sys.stdout, **options)


def run_diff(args: argparse.Namespace) -> int:
    from civic.datadiff import DiffError, diff_markdown

    try:
        print(diff_markdown(args.data, args.rev1, args.rev2))
    except DiffError as exc:
        return _fail(str(exc))
    return 0


def run_editor_schemas(args: argparse.Namespace) -> int:
    from civic import editor_schema

    root = args.data.resolve().parent
    if args.check:
        stale = editor_schema.stale(args.data, root)
        if stale:
            return _fail(
                "Schematy dla edytorów są nieaktualne: " + ", ".join(stale) + ". "
                "Odśwież je poleceniem: .venv/bin/python -m civic editor-schemas",
                code=1,
            )
        print("Schematy dla edytorów są aktualne.")
        return 0
    changed = editor_schema.write(args.data, root)
    print("Odświeżono: " + ", ".join(changed) + "." if changed else "Schematy dla edytorów były aktualne.")
    return 0


def _polish_argparse() -> None:
    """argparse's own words (usage, errors, help headings) in Polish, as the rest of the command line.

    argparse looks its messages up through the module's gettext functions when
    it shows them, so they are pointed at the catalogue in ``civic/translations``."""
    translations = load_translations(TRANSLATIONS, "pl", domain="argparse")
    argparse._ = translations.gettext  # type: ignore[attr-defined]
    argparse.ngettext = translations.ngettext  # type: ignore[attr-defined]


def _fail(message: str, code: int = 2) -> int:
    print(message, file=sys.stderr)
    return code


STAFF_COMMANDS = {"new": run_new, "import": run_import, "diff": run_diff, "editor-schemas": run_editor_schemas}


def run_validate(paths: list[Path], fmt: str) -> int:
    try:
        targets = _targets(paths)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    exit_code = 0
    for data_dir, files in targets.items():
        try:
            with heap.build_session():
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
