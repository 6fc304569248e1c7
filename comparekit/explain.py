"""Explain one verdict of :func:`comparekit.compare` step by step, in English or Chinese.

:func:`explain` prints the chain a reader needs to check a comparison by hand: the verbatim quote
and its offsets → the parsed value and qualifier → the unit conversion → the scope class and
territorial level → the derivation and its plausibility check → the verdict rules that applied
(``data/registry/verdict_rules.csv``) → the caveats. Every word of the chain comes from the
registries (``explain_labels.csv``; verdict and qualifier words from ``labels.csv``), so the two
languages say the same thing.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .compare import compare
from .comparability import scope_phrase
from .harmonize import harmonize
from .registry import indicator_name, load_derivations, load_explain_labels, load_places, load_verdict_rules, place_name
from .sources import load_sources
from .style import label as figure_label
from .study import Study, with_study

__all__ = ["explain", "Explanation"]


class Explanation(str):
    """The text of an explanation; shown as plain text in a REPL or notebook.

    ``steps`` holds the ``(step, text)`` pairs the text is made of, for programs that want them.
    """

    steps: list[tuple[str, str]]

    def __repr__(self) -> str:  # pragma: no cover - display only
        return str(self)


def label(key: str, lang: str, **fields: object) -> str:
    """Return the wording *key* in *lang*: ``explain.*`` from ``explain_labels.csv``, verdicts and
    qualifiers from the figure vocabulary ``labels.csv`` (so tables, charts and explanations agree)."""
    if not key.startswith("explain."):
        return figure_label(key, lang, **fields)
    table = load_explain_labels().set_index("key")
    name = key[len("explain."):]
    if name not in table.index:
        raise KeyError(f"label {name!r} is not in data/registry/explain_labels.csv; add a row key,zh,en")
    text = table.loc[name, lang]
    return text.format(**fields) if fields else text


def _number(value: float) -> str:
    """Print a value without a spurious ``.0`` (``19000``, ``12.36``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


@with_study
def explain(
    place: str,
    indicator: str,
    year: int | None = None,
    lang: str = "en",
    *,
    scope: str | None = None,
    statements: pd.DataFrame | None = None,
    harmonized: pd.DataFrame | None = None,
    study: Study | str | Path | None = None,
) -> Explanation:
    """Explain how :func:`comparekit.compare` reached its verdict for one place and indicator.

    Parameters
    ----------
    place : str
        A ``place_id`` (``"linyi"``).
    indicator : str
        An ``indicator_id`` (``"childcare_slots_per_1000"``).
    year : int, optional
        The comparison year, as in :func:`comparekit.compare` (default the study's).
    lang : {"en", "zh"}
        Language of the explanation.
    scope : str, optional
        The comparison basis (a level), as in :func:`comparekit.compare`.
    statements, harmonized : pandas.DataFrame, optional
        A statement table of your own, or an already harmonized table.
    study : Study, str or Path, optional
        The study (:func:`comparekit.open_study`); default the built-in study.

    Returns
    -------
    Explanation
        The numbered chain as text (a :class:`str`); ``.steps`` lists ``(step, text)``.

    Examples
    --------
    >>> text = explain("linyi", "childcare_slots_per_1000")
    >>> print(text.splitlines()[0])
    Linyi · Childcare slots for under-3s per 1000 people · 2025
    >>> "each_county_floor" in text and "Comparable" in text
    True
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    year = study.comparison_year if year is None else year
    if harmonized is None:
        harmonized = harmonize(statements)
    table = compare(indicator, year, scope, harmonized=harmonized)
    if place not in set(table["place_id"]):
        raise ValueError(f"unknown place {place!r}; places compared: {', '.join(table['place_id'])}")
    row = table.set_index("place_id").loc[place]
    places = load_places().set_index("place_id")
    name = place_name(place, lang) if place in places.index else place
    steps: list[tuple[str, str]] = []
    title = label("explain.title", lang, place=name, indicator=indicator_name(indicator, lang), year=year)
    if row["verdict"] == "not_stated":
        steps.append(("verdict", f"{label('verdict.not_stated', lang)} — {label('explain.not_stated', lang)}"))
        return _render(title, steps, lang)

    statement_id = row["statement_ids"]
    own = harmonized[(harmonized["statement_id"] == statement_id) & ~harmonized["derived"]].iloc[0]
    shown = harmonized[(harmonized["statement_id"] == statement_id) & (harmonized["indicator_id"] == indicator)].iloc[0]

    # 1. quote and source
    sources = load_sources().set_index("source_id")
    quote = label("explain.quote_text", lang, quote=own["quote"], source_id=own["source_id"], start=own["quote_start"], end=own["quote_end"], statement_id=statement_id)
    if own["source_id"] in sources.index:
        source = sources.loc[own["source_id"]]
        status = label(f"explain.status.{source['status']}", lang)
        source_title = source["title_zh" if lang == "zh" else "title_en"]
        line = label("explain.source", lang, title=source_title, status=status)
        if status in source_title:  # the title already says 征求意见稿 / draft for comment
            line = label("explain.source", lang, title=source_title, status="").replace("（）", "").replace(" ()", "")
        quote += "\n   " + line
    note = _note(statement_id, statements)
    if note:
        quote += "\n   " + label("explain.note", lang, note=note)
    steps.append(("quote", quote))

    # 2. parsed value and qualifier
    qualifier = label(f"qualifier.{own['qualifier']}", lang) if isinstance(own["qualifier"], str) else ""
    kind = label(f"explain.kind.{own['kind']}", lang)
    if pd.isna(own["value_as_stated"]):
        parsed = label("explain.parsed_none", lang, value_text=own["value_text"], qualifier=qualifier, year=int(own["year"]), kind=kind)
    else:
        parsed = label("explain.parsed_text", lang, value_text=own["value_text"], value=_number(own["value_as_stated"]), unit=own["unit_as_stated"] or "", qualifier=qualifier, year=int(own["year"]), kind=kind)
    steps.append(("parsed", parsed))

    # 3. unit conversion
    if pd.isna(own["value_as_stated"]):
        unit = label("explain.unit_none", lang)
    elif own["unit_as_stated"] == own["unit"]:
        unit = label("explain.unit_same", lang, unit=own["unit"])
    else:
        factor = own["value"] / own["value_as_stated"] if own["value_as_stated"] else 1.0
        unit = label("explain.unit_factor", lang, value_as_stated=_number(own["value_as_stated"]), unit_as_stated=own["unit_as_stated"], factor=factor, value=_number(own["value"]), unit=own["unit"])
        if own["warnings_en"]:
            unit += f" — {own['warnings_zh' if lang == 'zh' else 'warnings_en']}"
    steps.append(("unit", unit))

    # 4. scope class and level
    said = scope_phrase(own["scope_text"])[1 if lang == "zh" else 0]
    admin = places.loc[place, "admin_level_zh" if lang == "zh" else "admin_level"] if place in places.index else ""
    admin = str(admin).replace("_", " ")
    level = label(f"explain.level.{own['level']}", lang) if isinstance(own["level"], str) else ""
    steps.append(("scope", label("explain.scope_text", lang, scope=said, scope_class=own["scope_class"], level=level, place=name, admin_level=admin)))
    basis = row["definition_basis_zh" if lang == "zh" else "definition_basis_en"]
    if isinstance(basis, str) and basis:
        steps.append(("basis", basis))

    # 5. derivation and plausibility
    if shown["derived"]:
        rules = load_derivations().set_index("to_indicator")
        per = float(rules.loc[indicator, "per"]) if indicator in rules.index else 1000.0
        plausibility = label(f"explain.plausibility.{shown['plausibility']}", lang) if shown["plausibility"] else ""
        text = label("explain.derivation_text", lang, count=float(own["value"]), population=int(shown["denominator"]), per=per, value=float(shown["value"]), plausibility=plausibility)
        warnings = shown["warnings_zh" if lang == "zh" else "warnings_en"]
        separator = "；" if lang == "zh" else "; "
        text += "".join(f"\n   - {part}" for part in warnings.split(separator) if part)
        steps.append(("derivation", text))
    else:
        steps.append(("derivation", label("explain.derivation_none", lang)))

    # 6. verdict rules
    registry = load_verdict_rules().set_index("rule")
    lines = []
    for rule in [r for r in str(row["rules"]).split(";") if r] or ["same_basis"]:
        description = registry.loc[rule, lang] if rule in registry.index else rule
        verdict = label(f"verdict.{registry.loc[rule, 'verdict']}", lang) if rule in registry.index else ""
        if rule in ("level_urban_core",) and row["verdict"] == "caveat":
            verdict = label("verdict.caveat", lang)
        lines.append(label("explain.rule_text", lang, rule=rule, description=description, verdict=verdict))
    steps.append(("rules", "\n   ".join(lines)))
    steps.append(("verdict", label("explain.verdict_text", lang, verdict=label(f"verdict.{row['verdict']}", lang))))

    # 7. caveats and alternatives
    caveats = row["caveat_zh" if lang == "zh" else "caveat_en"]
    separator = "；" if lang == "zh" else "; "
    steps.append(("caveats", "\n   ".join(f"- {c}" for c in caveats.split(separator) if c) if caveats else label("explain.none", lang)))
    steps.append(("alternatives", row["alternatives"].replace(";", ", ") if row["alternatives"] else label("explain.none", lang)))
    return _render(title, steps, lang)


def _note(statement_id: str, statements: pd.DataFrame | None) -> str:
    """The annotator's note of a statement (English, as curated), or ``""``."""
    if statements is None:
        from .schema import load_statements

        statements = load_statements()
    if "note" not in statements.columns:
        return ""
    match = statements.loc[statements["statement_id"] == statement_id, "note"]
    return match.iloc[0] if len(match) and isinstance(match.iloc[0], str) else ""


def _render(title: str, steps: list[tuple[str, str]], lang: str) -> Explanation:
    """Number the steps under the title."""
    lines = [title]
    for number, (step, text) in enumerate(steps, start=1):
        heading = label(f"explain.{step}", lang)
        colon = "：" if lang == "zh" else ": "
        lines.append(f"{number}. {heading}{colon}{text}")
    out = Explanation("\n".join(lines))
    out.steps = steps
    return out
