"""UI messages with fixed text, translated once when a template is compiled.

``{{ _("Search") }}`` goes through three of Jinja's context calls, the
catalogue and a ``%`` format on every render, and a city's site renders
such messages hundreds of thousands of times. A message whose id is a
literal with no placeholders gives the same text on every page of a build
(the language is the build's), so the template is compiled with that text
in its place, marked safe when autoescaping, as newstyle gettext marks its
result. Jinja then joins it with the template's own text.

Left to gettext at render time: messages with variables, plural messages,
translations with a ``%`` placeholder, and every message of a template that
gives ``_`` or ``gettext`` a meaning of its own.
"""

from __future__ import annotations

import gettext
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Environment
from jinja2.visitor import NodeTransformer

NAMES = frozenset({"_", "gettext"})


def code_generator(translations: gettext.NullTranslations) -> type[CodeGenerator]:
    """A Jinja code generator that puts the translation of every fixed message in the template."""

    class FixedMessages(CodeGenerator):
        def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
            if not _rebound(node):
                node = _Translate(self.environment, translations).visit(node)
            super().visit_Template(node, frame)

    return FixedMessages


def fixed_text(translations: gettext.NullTranslations, message: str) -> str | None:
    """What ``_(message)`` renders, if that is the same on every page: no ``%`` placeholder is left."""
    text = translations.gettext(message)
    if "%" in text.replace("%%", ""):
        return None
    return text.replace("%%", "%")


class _Translate(NodeTransformer):
    def __init__(self, environment: Environment, translations: gettext.NullTranslations):
        self.environment = environment
        self.translations = translations

    def visit_Call(self, node: nodes.Call, *args: Any, **kwargs: Any) -> nodes.Node:
        node = self.generic_visit(node)
        if not _fixed_message(node):
            return node
        text = fixed_text(self.translations, node.args[0].value)  # type: ignore[attr-defined]
        if text is None:
            return node
        const = nodes.Const(text, lineno=node.lineno, environment=self.environment)
        return nodes.MarkSafeIfAutoescape(const, lineno=node.lineno, environment=self.environment)


def _fixed_message(node: nodes.Call) -> bool:
    return (
        isinstance(node.node, nodes.Name)
        and node.node.name in NAMES
        and len(node.args) == 1
        and isinstance(node.args[0], nodes.Const)
        and isinstance(node.args[0].value, str)
        and not node.kwargs
        and node.dyn_args is None
        and node.dyn_kwargs is None
    )


def _rebound(template: nodes.Template) -> bool:
    """Whether the template assigns ``_`` or ``gettext``: set, for, with, a macro or its parameter, an import."""
    for name in template.find_all(nodes.Name):
        if name.ctx != "load" and name.name in NAMES:
            return True
    for macro in template.find_all(nodes.Macro):
        if macro.name in NAMES:
            return True
    for imported in template.find_all(nodes.Import):
        if imported.target in NAMES:
            return True
    for from_import in template.find_all(nodes.FromImport):
        for name in from_import.names:
            if (name[1] if isinstance(name, tuple) else name) in NAMES:
                return True
    return False
