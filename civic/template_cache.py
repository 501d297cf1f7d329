"""Templates compiled once and kept in the build's cache folder, for the builds after it.

Jinja compiles each template to Python every time a build starts, in every
generator's environment: about half a second of a rebuild that changes
one page. Its bytecode cache keeps the compiled code, and compiles again
when a template's source differs. What the code is compiled with besides
the source is put in the cache's key (the *salt*): the program and its
libraries, the environment's options, the filters and tests it knows, and
the UI catalogue, whose fixed messages are compiled into the templates
(:mod:`civic.fixed_messages`). Code compiled with another salt is kept in
another folder, which the next build with a new salt deletes.

A cache that cannot be written is no cache: the build goes on.
"""

from __future__ import annotations

import hashlib
import shutil
from contextlib import suppress
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

FOLDER = "templates"


class TemplateCode(FileSystemBytecodeCache):
    def __init__(self, folder: Path):
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache(
    cache_folder: Path, environment: Environment, translations: Path, lang: str, program: str
) -> TemplateCode | None:
    """The compiled templates of ``environment`` in the cache folder of a build; ``translations`` is
    the UI catalogue's folder, compiled for ``lang``, and ``program`` the key of the program
    (:func:`civic.buildcache.program_key`)."""
    salt = _salt(environment, translations, lang, program)
    root = cache_folder / FOLDER
    folder = root / salt
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in root.iterdir():
            if other.name != salt:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None
    return TemplateCode(folder)


def _salt(environment: Environment, translations: Path, lang: str, program: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{program}\n{lang}\n".encode())
    digest.update(repr(sorted(_options(environment).items())).encode())
    digest.update(repr((sorted(environment.filters), sorted(environment.tests))).encode())
    catalogue = translations / lang / "LC_MESSAGES" / "messages.po"
    try:
        digest.update(catalogue.read_bytes())
    except OSError:
        digest.update(b"no catalogue")
    return digest.hexdigest()


def _options(environment: Environment) -> dict[str, Any]:
    """What the compiler reads from the environment: its syntax, whitespace handling, extensions,
    autoescaping and code generator."""
    names = (
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
        "line_statement_prefix",
        "line_comment_prefix",
        "trim_blocks",
        "lstrip_blocks",
        "newline_sequence",
        "keep_trailing_newline",
        "optimized",
        "autoescape",
    )
    options: dict[str, Any] = {name: repr(getattr(environment, name)) for name in names}
    options["extensions"] = sorted(environment.extensions)
    generator = environment.code_generator_class
    options["code_generator"] = f"{generator.__module__}.{generator.__qualname__}"
    return options
