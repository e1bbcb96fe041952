"""Many Journeymap processes on one server workspace at once: ten writers on ten maps, two
rivals for one map's edit lease, and a lease holder killed with SIGKILL in mid-edit (and,
one whose session is cut while it lives on: it must not write under the next holder, nor
after them from the state it read before).

Every writer is a real process (`sys.executable -c SCRIPT URL ...`, as in
test_server_workspace.py) saving each Document edit through Autosave. Their edits are
deterministic (`one_edit` below, seeded by the writer's tag), so the test replays them on its
own copy of the map and knows what the workspace must hold afterwards, edit for edit.

Runs on the throwaway cluster of tests/pg_server.py (conftest.py's pg_* fixtures)."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journeymap.document import Document
from journeymap.storage import Autosave, Workspace
from journeymap.templates import build_template
from journeymap.validation import check_structure

ROOT = Path(__file__).resolve().parent.parent
BUSY = re.compile(r"The map '(?P<name>[^']+)' is being edited by (?P<user>\S+) on (?P<host>\S+) "
                  r"since (?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d); try again "
                  r"once they have closed it\.")

# One writer's edit number `i`: a new title, a new card or a card moved to another cell, in
# turn. Each changes the map (a unique title, a fresh id, a different cell), so each is one
# save. Shared as source by the writers (below) and by the test's replay (`replayed`).
EDIT_SOURCE = '''
def one_edit(doc, rng, i, tag):
    journey = doc.map
    if i % 3 == 0:
        card = rng.choice(journey.touchpoints)
        doc.update("touchpoint", card.id, title=f"{tag} title {i} " + "x" * rng.randint(0, 80))
    elif i % 3 == 1:
        stage, lane = rng.choice(journey.stages), rng.choice(journey.lanes)
        doc.add_touchpoint(stage.id, lane.id, f"{tag} card {i}", rng.randint(0, 3),
                           id=f"tp-{tag}-{i}", channel="Phone", experience=rng.randint(-2, 2))
    else:
        card = rng.choice(journey.touchpoints)
        cells = [(stage.id, lane.id) for stage in journey.stages for lane in journey.lanes
                 if (stage.id, lane.id) != (card.stage, card.lane)]
        stage_id, lane_id = rng.choice(cells)
        doc.move_touchpoints([card.id], stage_id, lane_id, rng.randint(0, 3))
'''
_edits: dict = {}
exec(EDIT_SOURCE, _edits)  # noqa: S102 - our own source, run here and in the writers
one_edit = _edits["one_edit"]

PRELUDE = EDIT_SOURCE + '''
import dataclasses, json, random, sys
from journeymap.document import Document
from journeymap.storage import Autosave, Workspace


def say(**what):
    print(json.dumps(what), flush=True)


def state(journey):
    return dataclasses.asdict(journey)
'''

# Takes its map's lease, waits for "go", makes COUNT edits, each one saved before the next.
WRITER = PRELUDE + '''
url, map_id, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ws = Workspace.open(url)
busy = ws.try_edit(map_id)
if busy is not None:
    say(busy=str(busy))
    sys.exit(3)
saved, failed = [0], []
autosave = Autosave(ws, on_saved=lambda: saved.__setitem__(0, saved[0] + 1),
                    on_failed=failed.append)
doc = autosave.follow(Document(ws.load_map(map_id)))
rng = random.Random(tag)
say(ready=True)
sys.stdin.readline()
for i in range(count):
    one_edit(doc, rng, i, tag)
    if failed or saved[0] != i + 1:  # every edit must have reported "saved" by itself
        say(edit=i, saved=saved[0], failed=failed)
        sys.exit(4)
ok = autosave.all_saved
autosave.close()
say(saved=saved[0], state=state(doc.map))
ws.close()
sys.exit(0 if ok else 5)
'''

# Opens the map, waits for "go", then tries to take its lease at the same moment as a rival.
# The winner makes COUNT edits; the loser tries one edit anyway (its save must be refused).
# Both then hold on until their stdin is closed.
RIVAL = PRELUDE + '''
url, map_id, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ws = Workspace.open(url)
doc = Document(ws.load_map(map_id))
failed = []
say(ready=True)
sys.stdin.readline()
busy = ws.try_edit(map_id)
autosave = Autosave(ws, on_failed=failed.append)
autosave.follow(doc)
if busy is None:
    rng = random.Random(tag)
    for i in range(count):
        one_edit(doc, rng, i, tag)
    say(won=True, failed=failed, all_saved=autosave.all_saved, state=state(doc.map))
else:
    doc.update("touchpoint", doc.map.touchpoints[0].id, title=f"{tag} sneaked in")
    say(won=False, busy=str(busy), failed=failed, all_saved=autosave.all_saved)
sys.stdin.read()
'''

# Takes the lease and edits until it is killed, saying after each edit that it was saved.
KILLED = PRELUDE + '''
url, map_id, tag = sys.argv[1], sys.argv[2], sys.argv[3]
ws = Workspace.open(url)
assert ws.try_edit(map_id) is None
failed = []
autosave = Autosave(ws, on_failed=failed.append)
doc = autosave.follow(Document(ws.load_map(map_id)))
rng = random.Random(tag)
say(ready=True)
for i in range(100_000):
    one_edit(doc, rng, i, tag)
    if failed or not autosave.all_saved:
        say(edit=i, failed=failed)
        sys.exit(4)
    say(saved=i)
'''


def spawn(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                            text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def said(child: subprocess.Popen) -> dict:
    """The child's next line (JSON); its stderr when it ended instead."""
    line = child.stdout.readline()
    if not line:
        child.wait(timeout=30)
        raise AssertionError(f"the writer ended (exit {child.returncode}) without a word:\n"
                             f"{child.stderr.read()}")
    return json.loads(line)


def as_state(journey) -> dict:
    """A map as the writers report it: dataclasses as JSON (lists, in their order)."""
    return json.loads(json.dumps(dataclasses.asdict(journey)))


def difference(got: dict, want: dict) -> str:
    """Where a stored map state first differs from the expected one (for the message)."""
    for key, expected in want.items():
        found = got.get(key)
        if found == expected:
            continue
        if isinstance(found, list) and isinstance(expected, list) and len(found) == len(expected):
            index, (one, other) = next((i, pair) for i, pair in enumerate(zip(found, expected, strict=True))
                                       if pair[0] != pair[1])
            if isinstance(other, dict):
                fields = {k: (one.get(k), v) for k, v in other.items() if one.get(k) != v}
                return f"{key}[{index}] (id {other.get('id')}), stored vs expected: {fields}"
        elif isinstance(found, list) and isinstance(expected, list):
            return f"{key}: {len(found)} stored, {len(expected)} expected"
        return f"{key}: {found!r} stored, {expected!r} expected"
    return "no difference"


def replayed(journey, tag: str, *counts: int) -> list[dict]:
    """The states of `journey` after the writer `tag`'s first `count` edits, per count."""
    doc = Document(copy.deepcopy(journey))  # the replay never edits the original
    rng = random.Random(tag)
    states = {0: as_state(doc.map)} if 0 in counts else {}
    for i in range(max(counts)):
        one_edit(doc, rng, i, tag)
        if i + 1 in counts:
            states[i + 1] = as_state(doc.map)
    return [states[count] for count in counts]


def stored(url: str, map_id: str):
    """The map as a fresh session (a reader that never wrote) loads it."""
    with Workspace.open(url, readonly=True) as ws:
        journey = ws.load_map(map_id)
    check_structure(journey)
    return journey


def add_maps(url: str, names: list[str]) -> list:
    with Workspace.open(url) as ws:
        return [ws.add_map(build_template("renewal", name)) for name in names]


@pytest.fixture
def run(cli_on):
    def go(workspace, *argv):
        result = cli_on(workspace, *argv)
        return result.code, result.out, result.err

    return go


def finish(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream and not stream.closed:
                stream.close()


# -- a. ten writers, ten maps, at once --------------------------------------------------------
WRITERS, EDITS = 10, 200


def test_ten_writers_on_ten_maps_lose_no_edit(pg_workspace, run):
    url = pg_workspace
    journeys = add_maps(url, [f"Journey {n}" for n in range(WRITERS)])
    children = [spawn(WRITER, url, journey.id, f"w{n}", EDITS)
                for n, journey in enumerate(journeys)]
    try:
        for child in children:  # each holds its lease and has loaded its map
            assert said(child) == {"ready": True}
        with Workspace.open(url, readonly=True) as ws:
            assert set(ws.editors()) == {journey.id for journey in journeys}
        for child in children:  # then all start editing at the same moment
            child.stdin.write("go\n")
            child.stdin.flush()
        reports = [said(child) for child in children]
        for child in children:
            child.wait(timeout=120)
        codes = [(child.returncode, child.stderr.read()[-2000:]) for child in children]
    finally:
        finish(children)
    assert [code for code, _ in codes] == [0] * WRITERS, codes
    assert [report["saved"] for report in reports] == [EDITS] * WRITERS
    with Workspace.open(url, readonly=True) as ws:
        assert ws.editors() == {}  # each lease ended with its writer
    for n, (journey, report) in enumerate(zip(journeys, reports, strict=True)):
        final = stored(url, journey.id)
        got, (want,) = as_state(final), replayed(journey, f"w{n}", EDITS)
        assert got == report["state"], f"w{n}: {difference(got, report['state'])}"
        assert got == want, f"w{n}: {difference(got, want)}"
        added = [tp.id for tp in final.touchpoints if tp.id.startswith(f"tp-w{n}-")]
        assert len(added) == len(range(1, EDITS, 3))
        assert len(final.touchpoints) == len(journey.touchpoints) + len(added)
        others = [tp.title for tp in final.touchpoints
                  if tp.title.split()[0] in {f"w{m}" for m in range(WRITERS)} - {f"w{n}"}]
        assert others == [], f"w{n}'s map holds other writers' edits"
        code, out, err = run(url, "check", journey.name)
        assert code in (0, 1) and out.strip() and "Traceback" not in err, (code, out, err)


# -- b. two rivals for one map --------------------------------------------------------------------
RIVAL_EDITS = 30


def test_two_rivals_for_one_map_exactly_one_edits(pg_workspace, run):
    url = pg_workspace
    (journey,) = add_maps(url, ["Contested"])
    rivals = {tag: spawn(RIVAL, url, journey.id, tag, RIVAL_EDITS) for tag in ("ra", "rb")}
    try:
        for child in rivals.values():
            assert said(child) == {"ready": True}
        for child in rivals.values():  # both ask for the lease at once
            child.stdin.write("go\n")
            child.stdin.flush()
        results = {tag: said(child) for tag, child in rivals.items()}
        assert sorted(result["won"] for result in results.values()) == [False, True], results
        winner = next(tag for tag, result in results.items() if result["won"])
        loser = next(tag for tag in results if tag != winner)
        won, lost = results[winner], results[loser]
        assert won["failed"] == [] and won["all_saved"]
        found = BUSY.fullmatch(lost["busy"])
        assert found and found["name"] == "Contested", lost["busy"]
        # The loser's edit stays in its document only: the save is refused with the sentence.
        assert not lost["all_saved"] and len(lost["failed"]) == 1
        assert BUSY.fullmatch(lost["failed"][0]), lost["failed"]
        # A writing command meanwhile is refused too, and changes nothing.
        code, out, err = run(url, "rename", "Contested", "Taken over")
        assert code == 2 and out == "", (code, out, err)
        assert BUSY.search(err) and len(err.strip().splitlines()) == 1, err
        rivals[winner].stdin.close()  # the winner closes the map; the loser stays open
        rivals[winner].wait(timeout=30)
        (want,) = replayed(journey, winner, RIVAL_EDITS)
        for _ in ("winner gone", "loser gone too"):
            got = as_state(stored(url, journey.id))
            assert got["name"] == "Contested"
            assert got == won["state"], difference(got, won["state"])
            assert got == want, difference(got, want)
            assert f"{loser} sneaked in" not in [tp["title"] for tp in got["touchpoints"]]
            rivals[loser].stdin.close()
            rivals[loser].wait(timeout=30)
        assert [child.returncode for child in rivals.values()] == [0, 0]
    finally:
        finish(list(rivals.values()))


# -- c. a lease holder killed in mid-edit -----------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_mid_edit_frees_the_map_and_keeps_what_it_saved(pg_workspace):
    url = pg_workspace
    (journey,) = add_maps(url, ["Killed"])
    child = spawn(KILLED, url, journey.id, "k")
    try:
        assert said(child) == {"ready": True}
        last = -1
        while last < 60:  # let it get well into its edits, then kill it while it goes on
            last = said(child)["saved"]
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        for line in child.stdout:  # what it said before it died counts as reported too
            last = json.loads(line)["saved"]
    finally:
        finish([child])
    assert child.returncode == -signal.SIGKILL
    with Workspace.open(url) as ws:
        # The server drops a dead session's advisory lock when its socket closes: at once,
        # not after a timeout. (A few tries: the backend takes a moment to notice.)
        for _attempt in range(20):
            busy = ws.try_edit(journey.id)
            if busy is None:
                break
            assert BUSY.fullmatch(str(busy)), busy
            time.sleep(0.05)
        assert busy is None, f"still leased to the killed writer: {busy}"
        final = ws.load_map(journey.id)
        check_structure(final)
        # Every edit it reported saved is there; the one in flight is there whole or not at all.
        reported, one_more = replayed(journey, "k", last + 1, last + 2)
        got = as_state(final)
        assert got in (reported, one_more), (
            f"the map holds neither the {last + 1} edits reported saved "
            f"({difference(got, reported)}) nor one more ({difference(got, one_more)})")
        autosave = Autosave(ws)  # and the next writer edits it
        doc = autosave.follow(Document(final))
        doc.update("touchpoint", doc.map.touchpoints[0].id, title="After the crash")
        assert autosave.all_saved
        autosave.close()
    assert stored(url, journey.id).touchpoints[0].title == "After the crash"


# -- d. a lease holder whose session was cut (not killed) ------------------------------------
def test_a_writer_whose_session_was_cut_writes_nothing_under_the_next_holder(pg_workspace):
    import psycopg

    url = pg_workspace
    (journey,) = add_maps(url, ["Cut off"])
    with Workspace.open(url) as first, Workspace.open(url) as second:
        assert first.try_edit(journey.id) is None
        failed: list[str] = []
        autosave = Autosave(first, on_failed=failed.append)
        doc = autosave.follow(Document(first.load_map(journey.id)))
        card = doc.map.touchpoints[0].id
        with psycopg.connect(url, autocommit=True) as admin:  # a network cut, a restart
            admin.execute("SELECT pg_terminate_backend(backend_pid, 10000) FROM journeymap_leases "
                          "WHERE map_id = %s", (journey.id,))
        assert second.try_edit(journey.id) is None  # the lease ended with its session
        later = Autosave(second)
        other = later.follow(Document(second.load_map(journey.id)))
        other.update("touchpoint", card, title="By the lease's new holder")
        assert later.all_saved
        doc.update("touchpoint", card, title="Cut off 1")  # the lost connection: refused
        assert failed and not autosave.all_saved
        doc.update("touchpoint", card, title="Cut off 2")  # reconnected: still no lease
        assert not autosave.all_saved, "written without the lease"
        assert BUSY.fullmatch(failed[-1]), failed[-1]
        later.close()
        second.end_edit(journey.id)  # the new holder is done: the lease is free again
        doc.update("touchpoint", card, title="Cut off 3")  # read before: refused whole
        assert not autosave.all_saved and "someone else saved it" in failed[-1], failed[-1]
        autosave.close()
    assert stored(url, journey.id).touchpoint(card).title == "By the lease's new holder"
