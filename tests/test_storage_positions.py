"""Sparse positions: any new order gets increasing positions, rewriting as few rows as it can."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.storage import positions


@st.composite
def stored_and_order(draw):
    count = draw(st.integers(0, 40))
    ids = [f"id{n}" for n in range(count)]
    steps = draw(
        st.lists(st.integers(1, 3) | st.just(positions.GAP), min_size=count, max_size=count)
    )
    values, total = [], draw(st.integers(-(2**40), 2**40))
    for step in steps:
        total += step
        values.append(total)
    stored = dict(zip(ids, values, strict=True))
    order = draw(st.permutations(ids))
    order = [i for i in order if draw(st.integers(0, 9)) > 0]  # some removed
    for n in range(draw(st.integers(0, 4))):  # some new
        order.insert(draw(st.integers(0, len(order))), f"new{n}")
    return stored, order


@settings(max_examples=300)
@given(case=stored_and_order())
def test_any_reorder_gets_strictly_increasing_positions(case):
    stored, order = case
    changed = positions.plan(order, stored)
    final = [changed.get(i, stored.get(i)) for i in order]
    assert None not in final
    assert all(a < b for a, b in zip(final, final[1:], strict=False))
    assert all(stored.get(i) != p for i, p in changed.items())  # only real changes


@given(count=st.integers(2, 300), data=st.data())
def test_moving_one_item_rewrites_one_row(count, data):
    ids = [f"id{n}" for n in range(count)]
    stored = dict(zip(ids, positions.initial(count), strict=True))
    order = list(ids)
    item = order.pop(data.draw(st.integers(0, count - 1)))
    order.insert(data.draw(st.integers(0, count - 1)), item)
    changed = positions.plan(order, stored)
    assert len(changed) <= 1  # the moved item, or its neighbour when two swap places


def test_an_unchanged_order_rewrites_nothing():
    ids = [f"id{n}" for n in range(2000)]
    assert positions.plan(ids, dict(zip(ids, positions.initial(2000), strict=True))) == {}


def test_a_used_up_gap_renumbers_the_list():
    stored = {"a": 1, "b": 2}
    changed = positions.plan(["a", "new", "b"], stored)
    final = [changed.get(i, stored.get(i)) for i in ["a", "new", "b"]]
    assert final == sorted(final) and len(set(final)) == 3
