"""Rendering a pack: one self-contained HTML file (styles and charts inline), and a PDF of it.

Every page carries its protective marking (Government Security Classifications): a banner at the
top and bottom of the HTML, and in the PDF the top and bottom margin of every page. A pack for the
board is OFFICIAL-SENSITIVE unless the caller says otherwise; an output marked for publication is
OFFICIAL.

The PDF renderer is given a fetcher that refuses every URL, so a pack can never pull anything from
outside: everything it shows is already inside the HTML.

The PDF is tagged (PDF/UA-1), so a screen reader reads it as it reads the HTML: the document's
title and language come from the HTML's ``<title>`` and ``lang``, headings, lists and tables
(with their header cells) keep their structure, and each chart is a figure whose alternative
text is its title (the table beside it gives the same figures).
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any, NoReturn

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from improvement_board.core.packs.model import Pack

PACK_MARKING = "OFFICIAL-SENSITIVE"
PUBLISHED_MARKING = "OFFICIAL"
_LONGEST_MARKING = 80


def checked_marking(marking: str) -> str:
    """The marking on one line; refused when empty or longer than a page margin holds."""
    text = " ".join(marking.split())
    if not text or len(text) > _LONGEST_MARKING:
        raise ValueError(
            f"a protective marking is one line of 1 to {_LONGEST_MARKING} characters, such as "
            f"{PACK_MARKING!r}; found {marking!r}"
        )
    return text


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string: every character but letters, digits, space and hyphen
    written as a hex escape, so no marking can end the string, the rule or the style element.
    Each escape ends with the one space CSS takes as its end, so a space after it survives."""
    escaped = "".join(
        c if c.isascii() and (c.isalnum() or c in " -") else f"\\{ord(c):06x} " for c in text
    )
    # Safe as markup: nothing but letters, digits, spaces, hyphens and backslash escapes is left.
    return Markup(f'"{escaped}"')  # nosec B704


ENVIRONMENT = Environment(
    loader=PackageLoader("improvement_board.core.packs", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
ENVIRONMENT.filters["css_string"] = css_string


def svg_titled(svg: str, title: str) -> Markup:
    """A chart's SVG with ``title`` as its first child, the alternative text a tagged PDF gives
    the chart's figure; an empty SVG (charts left out) stays empty."""
    # Trusted as markup: the SVG is the package's own drawing; the title is escaped.
    start = svg.find("<svg")
    end = svg.find(">", start)
    if start < 0 or end < 0:
        return Markup(svg)  # nosec B704
    head, tail = Markup(svg[: end + 1]), Markup(svg[end + 1 :])  # nosec B704
    return head + Markup("<title>{}</title>").format(title) + tail


ENVIRONMENT.filters["svg_titled"] = svg_titled


def stylesheet(extra: str = "") -> Markup:
    """The packs' own stylesheet (and a renderer's ``extra`` rules), trusted as they are: escaping
    would break their quoted strings, and they are the package's own text, never user input."""
    css = files("improvement_board.core.packs").joinpath("templates/pack.css").read_text("utf-8")
    return Markup(css + extra)  # nosec B704


def render_html(pack: Pack, *, marking: str = PACK_MARKING) -> str:
    """The pack as HTML with its protective marking; the same pack always gives the same bytes."""
    return ENVIRONMENT.get_template("pack.html.j2").render(
        pack=pack, css=stylesheet(), marking=checked_marking(marking)
    )


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"a pack fetches nothing from outside (asked for {url})")


PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for accessibility (WeasyPrint's PDF/UA-1 variant: PDF 1.7 with a structure tree,
the document language and title, marked content)."""


def render_pdf(html: str) -> bytes:
    """The HTML pack printed to A4 PDF, tagged for screen readers (PDF/UA-1)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, url_fetcher=_refuse).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
