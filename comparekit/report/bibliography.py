"""Citations of the source documents: BibTeX/biblatex (Chinese and English) and CSL-JSON.

* :func:`bibtex` — ``sources.bib``: Chinese titles and issuers, for xelatex + ctex papers. Valid for
  both classic ``bibtex`` and ``biber``: corporate authors in double braces, ``@techreport`` (known
  to the standard ``.bst`` styles and to biblatex as ``@report``), document number, draft note.
* :func:`bibtex` with ``lang="en"`` — ``sources_en.bib``: translated titles and issuers, pure
  ASCII so that pdflatex needs no CJK support; the Chinese title and document number are kept in
  fields the standard styles do not print (``origtitle``, ``usera``).
* :func:`csl_json` — ``sources.json`` for Zotero and Pandoc.

Keys are the source ids of the sources registry.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from ..sources import load_sources
from .text import has_cjk, latex_escape

__all__ = ["bibtex", "csl_json", "bib_entries"]

_DRAFT = {"zh": "征求意见稿", "en": "Draft for comment"}
_TYPE = {"zh": "政府文件", "en": "Government document"}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _year(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(int(value))


def bib_entries(sources: pd.DataFrame | None = None, *, lang: str = "zh") -> list[dict[str, str]]:
    """Return one dict of BibTeX fields per source (``ENTRYTYPE`` and ``ID`` included), unescaped."""
    sources = load_sources() if sources is None else sources
    entries = []
    for rec in sources.to_dict("records"):
        date = _text(rec.get("issue_date"))
        year = date[:4] if date else _year(rec.get("horizon_start"))
        draft = rec.get("status") == "draft"
        fields = {"ENTRYTYPE": "techreport", "ID": rec["source_id"]}
        issuer = _text(rec.get(f"issuer_{lang}")) or _text(rec.get("issuer_zh"))
        fields["author"] = issuer
        fields["institution"] = issuer
        if lang == "zh":
            fields["title"] = _text(rec.get("title_zh"))
            fields["number"] = _text(rec.get("doc_number"))
            fields["langid"] = "chinese"
        else:
            fields["title"] = _text(rec.get("title_en"))
            fields["origtitle"] = _text(rec.get("title_zh"))
            fields["usera"] = _text(rec.get("doc_number"))
            fields["langid"] = "english"
        fields["type"] = _TYPE[lang]
        fields["year"] = year
        if date:
            fields["date"] = date
        notes = [_DRAFT[lang]] if draft else []
        if lang == "en":
            notes.insert(0, "In Chinese")
        if notes:
            fields["note"] = ". ".join(notes) if lang == "en" else "，".join(notes)
        url = _text(rec.get("url"))
        if url:
            fields["url"] = url
        entries.append({key: value for key, value in fields.items() if value})
    return entries


def bibtex(sources: pd.DataFrame | None = None, *, lang: str = "zh") -> str:
    """Return the BibTeX entries of the source documents, keyed by ``source_id``.

    Parameters
    ----------
    sources : pandas.DataFrame, optional
        The sources registry; defaults to :func:`comparekit.load_sources`.
    lang : {"zh", "en"}
        ``"zh"``: Chinese titles (for xelatex + ctex). ``"en"``: English titles, ASCII only
        (for pdflatex), the Chinese title kept in ``origtitle``.

    Examples
    --------
    >>> print(bibtex().split("\\n\\n")[1])  # doctest: +NORMALIZE_WHITESPACE
    @techreport{luan_14fyp,
      author = {{六安市人民政府办公室}},
      institution = {{六安市人民政府办公室}},
      title = {{六安市“十四五”新型城镇化建设工作方案}},
      number = {六政办秘〔2023〕55号},
      langid = {chinese},
      type = {政府文件},
      year = {2023},
      date = {2023-06-14}
    }
    """
    blocks = []
    for entry in bib_entries(sources, lang=lang):
        lines = []
        for key, value in entry.items():
            if key in ("ENTRYTYPE", "ID"):
                continue
            if key in ("origtitle", "usera"):
                shown = latex_escape(value, "zh", where=f"{entry['ID']} {key}")  # unprinted: keep the Chinese
            elif key == "url":
                shown = value.replace("{", "%7B").replace("}", "%7D")  # biblatex and url.sty read it verbatim
            else:
                shown = latex_escape(value, lang, where=f"{entry['ID']} {key}")
            if lang == "en" and key not in ("origtitle", "usera") and has_cjk(shown):
                raise ValueError(f"{entry['ID']}: English field {key} still holds Chinese text: {value!r}")
            braced = key in ("author", "institution", "title")
            lines.append(f"  {key} = {{{{{shown}}}}}" if braced else f"  {key} = {{{shown}}}")
        blocks.append(f"@{entry['ENTRYTYPE']}{{{entry['ID']},\n" + ",\n".join(lines) + "\n}")
    return "\n\n".join(blocks) + "\n"


def csl_json(sources: pd.DataFrame | None = None) -> str:
    """Return CSL-JSON (for Zotero and Pandoc) of the source documents, ids = source ids.

    Titles and issuers are Chinese; the English title and issuer are in ``note``; drafts carry
    ``status`` (征求意见稿 / draft for comment).

    Examples
    --------
    >>> import json
    >>> [item["id"] for item in json.loads(csl_json())][:2]
    ['jieshou_pilot', 'luan_14fyp']
    """
    sources = load_sources() if sources is None else sources
    items = []
    for rec in sources.to_dict("records"):
        date = _text(rec.get("issue_date"))
        parts = [int(p) for p in re.findall(r"\d+", date)] if date else [int(y) for y in [_year(rec.get("horizon_start"))] if y]
        item = {
            "id": rec["source_id"],
            "type": "report",
            "title": _text(rec.get("title_zh")),
            "author": [{"literal": _text(rec.get("issuer_zh"))}],
            "publisher": _text(rec.get("issuer_zh")),
            "genre": _TYPE["zh"],
            "number": _text(rec.get("doc_number")) or None,
            "issued": {"date-parts": [parts]} if parts else None,
            "language": "zh-CN",
            "note": f"{_text(rec.get('title_en'))} — {_text(rec.get('issuer_en'))}",
            "URL": _text(rec.get("url")) or None,
        }
        if rec.get("status") == "draft":
            item["status"] = f"{_DRAFT['zh']} / {_DRAFT['en'].lower()}"
        items.append({key: value for key, value in item.items() if value})
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
