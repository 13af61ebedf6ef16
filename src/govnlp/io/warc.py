"""Web archives (``.warc``, ``.warc.gz``): the article text of every HTML page in them.

A page is a ``response`` (or ``resource``) record of an HTML document (``text/html``,
``application/xhtml+xml``) fetched with status 200. Its document id is the archive's id, ``:``,
then the page's host and path (``crawl:www.pyx.gov.cn/xw/2023/1020``): no scheme, an HTML
suffix dropped, a query replaced by a short hash of it (``show.aspx~1f3a9c0e``), no ``..``;
a page captured again gets ``#2``, ``#3``. Its text is the page's main text
(:func:`govnlp.io.html.html_document`) and its date the publication date the page declares,
else the day of the capture (``WARC-Date``).

Other records (requests, metadata, images, style sheets, redirects, error pages) are not
documents: they are counted, and the counts logged once per archive. A page that cannot be read
(over the size limit, undecodable, without text) is a :class:`WarcSkip` with the reason.
"""

from __future__ import annotations

import codecs
import collections
import hashlib
import logging
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any, NamedTuple
from urllib.parse import unquote, urlsplit

from govnlp.errors import InputError
from govnlp.io.decode import decode
from govnlp.io.html import html_document

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_SUFFIX = re.compile(r"\.(?:html?|shtml?|xhtml)$", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]+")  # control characters, spaces, backslashes
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80"})  # read as GB18030
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SNIFF = 4096  # bytes of a page searched for its <meta charset>


class WarcPage(NamedTuple):
    """An HTML page of a web archive: document id, main text, date (ISO) and source."""

    doc_id: str
    text: str
    date: str | None
    source: str


class WarcSkip(NamedTuple):
    """An HTML page (or the rest of the archive) that could not be read, with the reason; or,
    ``skipped``, an archive read whole that holds no HTML page."""

    doc_id: str
    source: str
    reason: str
    skipped: bool = False


def warc_documents(
    stream: IO[bytes], *, archive_id: str, max_bytes: int, source: str = ""
) -> Iterator[WarcPage | WarcSkip]:
    """The HTML pages of a web archive (plain or gzipped WARC) read from ``stream``, in order.

    Args:
        stream: the archive's bytes.
        archive_id: the archive's document id, the prefix of its pages' ids.
        max_bytes: a page larger than this is not read (a :class:`WarcSkip`).
        source: where the archive is (a path), the prefix of its pages' sources; a page's
            source is then ``source:URL``.

    A damaged archive ends with a :class:`WarcSkip` of ``archive_id`` saying that the rest was
    not read; a file that is no web archive gives only such a skip.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    others: collections.Counter[str] = collections.Counter()
    pages = skips = 0
    where = source or archive_id
    try:
        for item in _items(ArchiveIterator(stream), archive_id, source, max_bytes, others):
            pages += isinstance(item, WarcPage)
            skips += isinstance(item, WarcSkip)
            yield item
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        yield _damaged(archive_id, where, reason, pages + skips + others.total())
        return
    except Exception as exc:  # warcio trips on some damaged records (a response with no URI)
        reason = f"{type(exc).__name__}: {exc}"
        yield _damaged(archive_id, where, reason, pages + skips + others.total())
        return
    if not pages + skips + others.total():
        yield WarcSkip(archive_id, where, "no records: empty or not a web archive (WARC)")
    not_read = ", ".join(f"{n} {k}" for k, n in others.most_common()) or "none"
    if not pages + skips and others.total():  # requests, images, records without payload
        yield WarcSkip(archive_id, where, f"no HTML page (records not read: {not_read})", True)
    logger.info("%s: %d HTML pages; other records not read: %s", where, pages, not_read)


def _damaged(archive_id: str, where: str, reason: str, read: int) -> WarcSkip:
    """The skip that ends an archive whose reading failed for ``reason`` after ``read``
    records."""
    if read:
        reason = f"damaged web archive: {reason}; the rest of the archive was not read"
    else:
        reason = f"not a web archive (WARC): {reason}"
    return WarcSkip(archive_id, where, reason)


class _Truncated(ValueError):
    """A record of the archive ends before its declared length."""


def _items(
    records: Any, archive_id: str, source: str, max_bytes: int, others: collections.Counter[str]
) -> Iterator[WarcPage | WarcSkip]:
    """The pages of the records of an archive iterator; other records are counted in
    ``others``. Raises :class:`_Truncated` at the first record cut short."""
    seen: collections.Counter[str] = collections.Counter()
    for record in records:
        if record.format != "warc":  # ARC, the WARC's predecessor, or what passes for it
            raise ValueError(f"an {record.format.upper()} record, not a WARC one")
        kind = _page_kind(record)
        item = None
        if kind:
            others[kind] += 1
        else:
            uri = _target_uri(record)
            doc_id = _page_id(archive_id, uri)
            seen[doc_id] += 1
            if seen[doc_id] > 1:
                doc_id = f"{doc_id}#{seen[doc_id]}"
            item = _page(record, doc_id, f"{source}:{uri}" if source else uri, uri, max_bytes)
        records.read_to_end()
        missing = getattr(record.raw_stream, "limit", 0)
        if missing:
            what = _target_uri(record) or f"a {record.rec_type} record"
            raise _Truncated(f"{what}: {missing:,} bytes missing (truncated)")
        if item is not None:
            yield item


def _page_kind(record: Any) -> str:
    """Empty for an HTML page fetched with status 200, else what the record is instead."""
    if record.rec_type == "resource":
        status, ctype = "200", record.rec_headers.get_header("Content-Type") or ""
    elif record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        return f"{record.rec_type} records"
    media = ctype.split(";", 1)[0].strip().lower()
    if status != "200":
        return f"status {status or '?'}"
    if media not in _HTML_TYPES:
        return media or "untyped"
    return ""


def _target_uri(record: Any) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return uri.strip().strip("<>")


def _page_id(archive_id: str, uri: str) -> str:
    """``archive_id:host/path`` of a page: no scheme, port as ``_8080``, the path decoded with
    its empty, ``.`` and ``..`` parts dropped, an HTML suffix dropped, a query hashed."""
    parts = urlsplit(uri)
    host = (parts.hostname or "unknown").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port:
        host = f"{host}_{port}"
    segments = [
        _UNSAFE.sub("_", seg)
        for seg in unquote(parts.path).split("/")
        if seg not in ("", ".", "..")
    ]
    if segments:
        segments[-1] = _HTML_SUFFIX.sub("", segments[-1]) or segments[-1]
    path = "/".join([_UNSAFE.sub("_", host), *segments])
    if parts.query:
        path += "~" + hashlib.blake2b(parts.query.encode(), digest_size=4).hexdigest()
    return f"{archive_id}:{path}"


def _page(record: Any, doc_id: str, source: str, uri: str, max_bytes: int) -> WarcPage | WarcSkip:
    """The document of an HTML page record, or why it has none."""
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    data = b"" if length > max_bytes else record.content_stream().read(max_bytes + 1)
    if length > max_bytes or len(data) > max_bytes:
        size = max(length, len(data))
        return WarcSkip(doc_id, source, f"{size:,} bytes, over the size limit of "
                        f"{max_bytes:,} bytes (max_bytes)")  # fmt: skip
    try:
        html = _decode(data, _declared_charset(record, data))
    except InputError as exc:
        return WarcSkip(doc_id, source, str(exc))
    try:
        text, meta = html_document(html, url=uri)
    except (ValueError, RecursionError) as exc:  # a page the HTML parser gives up on
        return WarcSkip(doc_id, source, f"HTML page not readable: {exc or type(exc).__name__}")
    if not text:
        return WarcSkip(doc_id, source, "HTML page without text")
    date = meta.get("date") or _capture_day(record)
    return WarcPage(doc_id, text, date, source)


def _declared_charset(record: Any, data: bytes) -> str | None:
    """The charset the HTTP header or the page's ``<meta>`` declares, if any."""
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers is not None else None) or ""
    m = _CHARSET_PARAM.search(ctype)
    if m:
        return m.group(1)
    meta = _META_CHARSET.search(data[:_SNIFF])
    return meta.group(1).decode("ascii") if meta else None


def _decode(data: bytes, charset: str | None) -> str:
    """A page's text in its declared charset (GB2312 and GBK read as GB18030), else as
    :func:`govnlp.io.decode.decode` finds it."""
    if charset:
        name = "gb18030" if charset.lower() in _GB_ALIASES else charset
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            logger.debug("page not in its declared charset %s", charset)
    text, _ = decode(data)
    return text


def _capture_day(record: Any) -> str | None:
    """The day of the capture (``WARC-Date``), ISO."""
    stamp = record.rec_headers.get_header("WARC-Date") or ""
    return stamp[:10] if _ISO_DAY.match(stamp) else None
