"""The build's process: what a command reads in for its whole run is kept out of the cycle collector's way."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from generator import processes
from tests.conftest import run


class Node:
    """An object the collector tracks, which can hold itself in a cycle."""

    me: Node | None = None


def cycle() -> weakref.ref[Node]:
    """A reference to a cycle no one else holds: garbage that only the collector frees."""
    node = Node()
    node.me = node
    return weakref.ref(node)


def tracked_ids() -> set[int]:
    """Every object the collector would scan (frozen ones are left out)."""
    return {id(found) for found in gc.get_objects()}


def test_what_a_lasting_block_makes_is_frozen_and_the_collector_runs_again_after_it() -> None:
    before = cycle()
    with processes.lasting():
        assert not gc.isenabled()
        made = [Node() for _ in range(100)]
    assert gc.isenabled()
    assert before() is None, "garbage from before the block is collected, not frozen with it"
    scanned = tracked_ids()
    assert not any(id(node) in scanned for node in made)
    after = cycle()
    gc.collect()
    assert after() is None, "garbage made after the block is collected as ever"


def test_a_lasting_block_within_another_leaves_the_collector_off_until_the_outer_one_ends() -> None:
    with processes.lasting():
        with processes.lasting():
            inner = Node()
        assert not gc.isenabled()
        assert id(inner) in tracked_ids(), "not frozen before the outer block ends"
    assert gc.isenabled()
    assert id(inner) not in tracked_ids()


def test_a_cold_read_of_the_records_freezes_none_of_its_garbage(records: Path, tmp_path: Path) -> None:
    """Parsing YAML leaves garbage in cycles, which a frozen heap would keep for the rest of the command."""
    result = run("check", str(records), "--cache", str(tmp_path / "cold"))
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0
