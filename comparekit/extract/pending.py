"""Indicator ids by word score, settled once a text has been read: all new labels scored at once.

While the collector reads a text, a row whose label needs a word score (see
:meth:`comparekit.extract.labels.LabelMatcher.fuzzy`) and has none yet in this call gets a
:class:`Deferred` in place of its indicator id. When the text has been read, :func:`settle` scores
all those labels in one batch (:func:`comparekit.extract.labels.rank_all`) and fills in each row,
in reading order, exactly as the collector would have filled it at once: the id and suggestions of
the score, or the id a later value of the same sentence inherits as a suggestion.
"""

from __future__ import annotations

from .labels import LabelMatcher, rank_all

__all__ = ["Deferred", "settle", "SCORE_NOTE"]

#: The note of a row whose indicator id comes from the word score.
SCORE_NOTE = "indicator matched by word score (see indicator_suggestions)"


class Deferred:
    """A row's indicator id still to be scored.

    Parameters
    ----------
    label : str
        The label to score.
    inherited : str or Deferred
        The id of the preceding value of the sentence, when the label is that value's ('' if none).
    indicator_id : str
        The id the row has when the inherited id is kept (the alias match, if any).
    conf : float
        The row's confidence before the score.
    notes : list of str
        The row's notes before the score.
    rows : list of int
        The positions of the row (and of its pair) among the collector's rows.
    """

    __slots__ = ("label", "inherited", "indicator_id", "conf", "notes", "rows")

    def __init__(self, label: str, inherited, indicator_id: str, conf: float, notes: list[str],
                 rows: list[int]) -> None:
        self.label, self.inherited, self.indicator_id = label, inherited, indicator_id
        self.conf, self.notes, self.rows = conf, notes, rows


def settle(rows: list[tuple], pending: list[Deferred], labels: LabelMatcher) -> None:
    """Fill in the indicator id, confidence, note and suggestions of the *pending* rows, in order.

    A row that inherits an id (settled before it) keeps it as a suggestion; otherwise its label's
    word score gives the id (at :data:`~comparekit.extract.labels.ASSIGN_THRESHOLD`) and the
    suggestions. The settled id of each is what a later row inherits from it.
    """
    if not pending:
        return
    rank_all([d.label for d in pending if d.label not in labels.fuzzy_cache], labels.r)
    for d in pending:
        inherited = d.inherited.indicator_id if isinstance(d.inherited, Deferred) else d.inherited
        conf, notes, indicator_id = d.conf, d.notes, d.indicator_id
        if inherited:
            suggestions = f"{inherited}:inherited"
        else:
            indicator_id, suggestions = labels.fuzzy(d.label)
            if indicator_id:
                conf += 0.05
                notes = notes + [SCORE_NOTE]
        d.indicator_id = indicator_id
        note = "; ".join(notes)
        for k in d.rows:
            row = rows[k]
            rows[k] = row[:8] + (indicator_id,) + row[9:10] + (conf, note) + row[12:14] + (suggestions,)
