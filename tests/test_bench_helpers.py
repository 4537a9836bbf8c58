"""The benchmark's arithmetic (bench/run.py): the figures in the README come from these helpers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "bench_run", Path(__file__).resolve().parent.parent / "bench" / "run.py"
)
bench = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("bench_run", bench)  # dataclasses look their module up while the file runs
_SPEC.loader.exec_module(bench)


def test_paired_ratios_divide_each_project_run_by_the_baseline_run_beside_it():
    assert bench.paired_ratios([120, 90, 300], [100, 100, 150]) == [1.2, 0.9, 2.0]


def test_paired_ratios_refuse_unpaired_runs():
    with pytest.raises(ValueError):
        bench.paired_ratios([1, 2], [1])


def test_median_of_paired_ratios_ignores_one_outlier_pair():
    ratios = bench.paired_ratios([110, 115, 900, 112, 118], [100, 100, 100, 100, 100])
    assert bench.median(ratios) == pytest.approx(1.15)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert bench.median([4, 1, 3, 2]) == 2.5


def test_per_conversation_averages_each_run_of_the_mix():
    assert bench.per_conversation([100, 300, 200, 200, 1000, 3000], 2) == [200, 200, 2000]


def test_per_conversation_refuses_a_partial_conversation():
    with pytest.raises(ValueError):
        bench.per_conversation([1, 2, 3], 2)


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))  # 1..100
    assert bench.percentile(values, 0.5) == 50
    assert bench.percentile(values, 0.99) == 99
    assert bench.percentile(values, 1.0) == 100
    assert bench.percentile([7], 0.99) == 7


def test_a_missed_budget_is_reported_as_a_miss():
    within = bench.Row("cold", "1", "1", 1.2, "1.20x", "<= 1.2x", 1.2)
    over = bench.Row("cold", "1", "1", 1.21, "1.21x", "<= 1.2x", 1.2)
    strict = bench.Row("resolve", "1000", "-", 1000.0, "1000 us", "< 1000 us", 1000.0, strict=True)
    info = bench.Row("memory", "1", "1", None, "1.3x", "(info)", None)
    assert (within.verdict, over.verdict, strict.verdict, info.verdict) == ("PASS", "MISS", "MISS", "-")


def test_stale_bytecode_finds_sources_whose_pyc_no_longer_matches(tmp_path):
    import py_compile

    fresh = tmp_path / "fresh.py"
    fresh.write_text("x = 1\n")
    py_compile.compile(str(fresh), cfile=str(_pyc(fresh)))
    edited = tmp_path / "edited.py"
    edited.write_text("y = 2\n")
    py_compile.compile(str(edited), cfile=str(_pyc(edited)))
    edited.write_text("y = 22222\n")  # size changes: the pyc is stale
    missing = tmp_path / "missing.py"
    missing.write_text("z = 3\n")
    assert bench.stale_bytecode([fresh, edited, missing]) == [edited, missing]


def _pyc(source: Path) -> Path:
    return source.parent / "__pycache__" / f"{source.stem}.{sys.implementation.cache_tag}.pyc"
