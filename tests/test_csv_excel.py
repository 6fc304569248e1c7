"""Processed CSVs open in Excel (UTF-8 byte-order mark) and read back into pandas exactly."""

from __future__ import annotations

import pandas as pd

from comparekit.pipeline import write_table


def test_csv_has_a_bom_and_round_trips_exactly(tmp_path, harmonized):
    written = write_table(harmonized, tmp_path, "harmonized")
    csv_path = written[0]
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"statement_id,")
    assert raw.count(b"\xef\xbb\xbf") == 1
    back = pd.read_csv(csv_path)
    assert list(back.columns) == list(harmonized.columns)
    expected = pd.read_csv(pd.io.common.StringIO(harmonized.to_csv(index=False, lineterminator="\n")))
    pd.testing.assert_frame_equal(back, expected)
    assert back["quote"].tolist() == harmonized["quote"].tolist()  # the Chinese quotes survive byte for byte
