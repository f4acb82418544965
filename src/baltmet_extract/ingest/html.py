"""HTML reader (BeautifulSoup + lxml): table rows and block text in document order, page chrome dropped.

Navigation, headers, footers, sidebars, cookie banners, forms and scripts are removed
before reading, by tag and by id/class names. Each `<tr>` of a data table becomes a row
whose cells follow the table's grid (colspan and rowspan give empty cells), every block
of text outside tables becomes a text line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from baltmet_extract.ingest.text import decode_text, looks_binary
from baltmet_extract.models import Document, Line

#: Elements that never hold the page's content.
DROP_TAGS = frozenset(
    "head script style noscript template nav header footer aside form iframe svg canvas object embed select button".split()
)
#: id/class words that mark page chrome (`main-nav`, `cookie-banner`, `sidebar`...).
CHROME_WORDS = (
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "footer",
    "cookie",
    "cookies",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "moduletable",
    "widget",
    "newsletter",
    "login",
    "search",
    "share",
    "social",
    "banner",
    "skip",
)
#: chrome words also found inside joined-up names (`mainmenu`, `topnav`, `sitenavigation`)
_CHROME_INSIDE = re.compile(r"menu|^nav|nav$|navig|sidebar|footer|breadcrumb|cookie", re.IGNORECASE)
#: Containers kept even when their class names a chrome word (`<body class="has-sidebar">`).
NEVER_DROP = frozenset({"html", "body", "main", "article"})
#: An element holding one of these is a layout wrapper around the content, whatever its class says.
CONTENT_MARKERS = ("main", "article", "h1")
BLOCK_TAGS = frozenset(
    """address article blockquote body caption center dd details dialog div dl dt fieldset figcaption figure
    h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary td th ul""".split()
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Browsers read these declared charsets as Windows-1252 (WHATWG encoding standard).
CP1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252"}
)

_CHROME = re.compile(r"(?:^|[-_\s])(?:" + "|".join(CHROME_WORDS) + r")(?:$|[-_\s])", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([-\w:.]+)""", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


def declared_charset(data: bytes) -> str | None:
    """The charset named in a `<meta>` tag or XML declaration near the top, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if not match:
        return None
    charset = match.group(1).decode("ascii", "replace").lower()
    return "cp1252" if charset in CP1252_ALIASES else charset


def decode_html(name: str, data: bytes) -> str:
    """Decode with a byte-order mark or the declared charset, else as `decode_text` does."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    charset = declared_charset(data)
    if charset and not looks_binary(data):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to guessing
    return decode_text(name, data)


def _is_chrome(tag: Tag) -> bool:
    if tag.name in DROP_TAGS:
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.name in NEVER_DROP:
        return False
    classes: object = tag.get("class") or []
    class_names: list[str] = [str(c) for c in classes] if isinstance(classes, list) else [str(classes)]
    names = " ".join([str(tag.get("id") or ""), *class_names])
    chrome = bool(_CHROME.search(names)) or any(_CHROME_INSIDE.search(n) for n in names.split())
    return (chrome or _is_link_list(tag)) and tag.find(CONTENT_MARKERS) is None


def _is_link_list(tag: Tag) -> bool:
    """A list of three or more items that are each one short link: a menu, whatever its name."""
    if tag.name not in ("ul", "ol"):
        return False
    items = tag.find_all("li", recursive=False)
    if len(items) < 3:
        return False
    for li in items:
        links = li.find_all("a")
        text = li.get_text(" ", strip=True)
        if len(links) != 1 or len(text.split()) > 5 or links[0].get_text(" ", strip=True) != text:
            return False
    return True


def drop_chrome(soup: BeautifulSoup) -> None:
    """Remove navigation, scripts, footers and the like from the tree."""
    for tag in [t for t in soup.find_all(True) if _is_chrome(t)]:
        if not tag.decomposed:
            tag.decompose()


def _span(cell: Tag, attr: str) -> int:
    match = _NUMBER.search(str(cell.get(attr) or ""))
    # Browsers cap spans (colspan 1000, rowspan 65534); a smaller cap keeps bad markup cheap.
    return min(max(int(match.group()), 1), 1000) if match else 1


def is_layout_table(table: Tag) -> bool:
    """A table used for page layout, not data: marked presentational, or holding tables or headings."""
    if table.get("role") in ("presentation", "none"):
        return True
    return table.find(["table", *HEADING_TAGS]) is not None


def table_rows(table: Tag) -> list[tuple[str, ...]]:
    """The rows of a data table on its grid: spanned positions are empty, every row has the table's width."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows below still covered by a rowspan

    def skip_covered(row: list[str]) -> None:
        while pending.get(len(row), 0) > 0:
            pending[len(row)] -= 1
            row.append("")

    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            skip_covered(row)
            start, colspan, rowspan = len(row), _span(cell, "colspan"), _span(cell, "rowspan")
            row.append(cell_text(cell))
            row.extend([""] * (colspan - 1))
            if rowspan > 1:
                pending.update(dict.fromkeys(range(start, start + colspan), rowspan - 1))
        last = max((c for c, n in pending.items() if n > 0), default=-1)
        while len(row) <= last:
            skip_covered(row)
            if len(row) <= last:
                row.append("")
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [tuple(r + [""] * (width - len(r))) for r in rows if any(r)]


def inline_text(node: Tag) -> str:
    """The text of an element on one line: blocks and line breaks become spaces."""
    parts: list[str] = []
    for item in node.descendants:
        if isinstance(item, NavigableString) and not isinstance(item, _SKIPPED_STRINGS):
            parts.append(str(item))
        elif isinstance(item, Tag) and (item.name == "br" or item.name in BLOCK_TAGS):
            parts.append(" ")
    return " ".join("".join(parts).split())


def cell_text(node: Tag) -> str:
    """A table cell's text; line breaks and paragraphs inside it stay line breaks."""
    parts: list[str] = []
    for item in node.descendants:
        if isinstance(item, NavigableString) and not isinstance(item, _SKIPPED_STRINGS):
            parts.append(str(item).replace("\n", " "))
        elif isinstance(item, Tag) and (item.name == "br" or item.name in BLOCK_TAGS):
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


class _LineWriter:
    """Collects inline text into lines, cutting at block boundaries and line breaks."""

    def __init__(self) -> None:
        self.pieces: list[tuple[tuple[str, ...], bool, bool]] = []
        self.buffer: list[str] = []
        self.heading_depth = 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.pieces.append(((text,), False, self.heading_depth > 0))

    def walk(self, root: Tag) -> None:
        """Every node under `root` in document order, with a stack rather than recursion: pages
        nest thousands deep (old Word-made pages leave `<font>` tags unclosed), past Python's limit."""
        todo: list[tuple[bool, object]] = [(False, c) for c in reversed(list(root.children))]
        while todo:
            is_action, item = todo.pop()
            if is_action:
                item()  # type: ignore[operator]
            elif isinstance(item, NavigableString):
                if not isinstance(item, _SKIPPED_STRINGS):
                    self.buffer.append(str(item))
            elif isinstance(item, Tag):
                after = self.open(item)
                if after is not None:
                    todo.append((True, after))
                    todo.extend((False, c) for c in reversed(list(item.children)))

    def open(self, tag: Tag) -> Callable[[], None] | None:
        """Take an element in; returns what to do after its children, or None to skip them."""
        record = titled_record(tag)
        if record is not None:
            self.flush()
            self.pieces.extend((cells, True, False) for cells in record)
            return None
        if tag.name == "br":
            self.flush()
            return None
        if tag.name == "table" and not is_layout_table(tag):
            self.flush()
            caption = tag.find("caption")
            if caption is not None and caption.find_parent("table") is tag:
                self.pieces.append(((inline_text(caption),), False, False))
            self.pieces.extend((cells, True, False) for cells in table_rows(tag))
            return None
        if tag.name == "pre":
            self.flush()
            self.pieces.extend(
                ((" ".join(t.split()),), False, False) for t in tag.get_text().splitlines() if t.strip()
            )
            return None
        if tag.name in HEADING_TAGS:
            self.flush()
            self.heading_depth += 1
            return self._close_heading
        if tag.name in BLOCK_TAGS or tag.name in ("table", "tr", "tbody", "thead", "tfoot"):
            self.flush()
            return self.flush
        return _nothing

    def _close_heading(self) -> None:
        self.flush()
        self.heading_depth -= 1


def _nothing() -> None:
    return None


def titled_record(block: Tag) -> list[tuple[str, ...]] | None:
    """A block that describes one thing as a title, a definition list of facts and some text
    (`<div><h3>Name</h3><dl><dt>Partners</dt><dd>...</dd></dl><p>...</p></div>`), as a header
    row and a data row, so that it reads like a row of a table: `Title`, the terms, `Description`."""
    if block.name not in ("div", "section", "article", "li", "body", "main"):
        return None
    children = [c for c in block.children if isinstance(c, Tag)]
    dls = [c for c in children if c.name == "dl"]
    if len(dls) != 1:
        return None
    terms = [(inline_text(dt), dt.find_next_sibling("dd")) for dt in dls[0].find_all("dt", recursive=False)]
    facts = [(t, inline_text(dd) if dd is not None else "") for t, dd in terms if t]
    if len(facts) < 2:
        return None
    before = children[: children.index(dls[0])]
    titles = [c for c in before if c.name in HEADING_TAGS]
    if not titles:
        return None
    text = " ".join(inline_text(c) for c in children[children.index(dls[0]) + 1:] if c.name not in HEADING_TAGS)
    header = ("Title", *(t for t, _ in facts), "Description")
    row = (inline_text(titles[-1]), *(v for _, v in facts), " ".join(text.split()))
    return [header, row]


def html_lines(soup: BeautifulSoup) -> Iterator[Line]:
    """Lines of a parsed page in document order, `row` counting from 1."""
    writer = _LineWriter()
    writer.walk(soup)
    writer.flush()
    for number, (cells, is_row, heading) in enumerate(writer.pieces, start=1):
        yield Line(cells=cells, is_row=is_row, row=number, heading=heading)


def read_html(name: str, data: bytes) -> Document:
    """Read an HTML page into a `Document` (no pages: `page` is None)."""
    soup = BeautifulSoup(decode_html(name, data), "lxml")
    drop_chrome(soup)
    return Document(source_file=name, format="html", lines=list(html_lines(soup)))
