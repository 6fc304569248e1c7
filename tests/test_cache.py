"""The build cache: an output is reused only when its key matches and its files are as recorded."""

from __future__ import annotations

import json

import pandas as pd

from comparekit.cache import CACHE_NAME, BuildCache, files_key, frame_key, unit_key


def _first_build(folder, staging):
    cache = BuildCache(folder)
    (staging / "a").mkdir(parents=True)
    written = [staging / "a" / "x.svg", staging / "a" / "x.caption.md"]
    written[0].write_text("<svg/>", encoding="utf-8")
    written[1].write_text("caption", encoding="utf-8")
    cache.record("a/x", "key-1", staging, written)
    for path in written:  # what publishing does
        (folder / "a").mkdir(parents=True, exist_ok=True)
        path.replace(folder / "a" / path.name)
    cache.save()
    return cache


def test_same_key_copies_the_files_from_the_previous_build(tmp_path):
    folder, staging = tmp_path / "out", tmp_path / "stage1"
    _first_build(folder, staging)
    assert sorted(json.loads((folder / CACHE_NAME).read_text(encoding="utf-8"))["units"]["a/x"]["files"]) == ["a/x.caption.md", "a/x.svg"]
    again = BuildCache(folder)
    copied = again.reuse("a/x", "key-1", tmp_path / "stage2")
    assert sorted(p.name for p in copied) == ["x.caption.md", "x.svg"]
    assert (tmp_path / "stage2" / "a" / "x.svg").read_text(encoding="utf-8") == "<svg/>"
    assert sorted(p.name for p in again.reused) == ["x.caption.md", "x.svg"]


def test_changed_key_edited_or_missing_file_and_force_rebuild(tmp_path):
    folder = tmp_path / "out"
    _first_build(folder, tmp_path / "stage1")
    assert BuildCache(folder).reuse("a/x", "key-2", tmp_path / "s") is None
    assert BuildCache(folder).reuse("a/other", "key-1", tmp_path / "s") is None
    assert BuildCache(folder, force=True).reuse("a/x", "key-1", tmp_path / "s") is None
    (folder / "a" / "x.svg").write_text("<svg>edited</svg>", encoding="utf-8")
    assert BuildCache(folder).reuse("a/x", "key-1", tmp_path / "s") is None
    (folder / "a" / "x.svg").unlink()
    assert BuildCache(folder).reuse("a/x", "key-1", tmp_path / "s") is None
    assert not (tmp_path / "s").exists()  # nothing half-copied


def test_a_broken_cache_file_means_rebuild(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / CACHE_NAME).write_text("{not json", encoding="utf-8")
    assert BuildCache(folder).reuse("a/x", "key-1", tmp_path / "s") is None


def test_keys_follow_content_not_identity(tmp_path):
    frame = pd.DataFrame({"place_id": ["linyi", "jieshou"], "value": [1.0, 2.0]})
    assert frame_key(frame) == frame_key(frame.copy())
    assert frame_key(frame) != frame_key(frame.assign(value=[1.0, 2.5]))
    assert frame_key(frame) != frame_key(frame.iloc[::-1])
    (tmp_path / "places.csv").write_text("a\n", encoding="utf-8")
    before = files_key([tmp_path / "places.csv"], root=tmp_path)
    (tmp_path / "places.csv").write_text("b\n", encoding="utf-8")
    assert files_key([tmp_path / "places.csv"], root=tmp_path) != before
    assert unit_key("figure", "x", "paper", "zh") != unit_key("figure", "x", "paper", "en")
