"""Rendering a pack: one self-contained HTML file (styles and charts inline), and a PDF of it.

The PDF renderer is given a fetcher that refuses every URL, so a pack can never pull anything from
outside: everything it shows is already inside the HTML.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any, NoReturn

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from improvement_board.core.packs.model import Pack

_ENV = Environment(
    loader=PackageLoader("improvement_board.core.packs", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render_html(pack: Pack) -> str:
    """The pack as HTML; the same pack always gives the same bytes."""
    css = files("improvement_board.core.packs").joinpath("templates/pack.css").read_text("utf-8")
    return _ENV.get_template("pack.html.j2").render(pack=pack, css=css)


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"a pack fetches nothing from outside (asked for {url})")


def render_pdf(html: str) -> bytes:
    """The HTML pack printed to A4 PDF."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, url_fetcher=_refuse).write_pdf()
    return pdf
