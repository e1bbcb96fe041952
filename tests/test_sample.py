"""The first-start sample workspace (Qt-free)."""

from __future__ import annotations

import pytest

from journeymap.errors import WorkspaceError
from journeymap.sample import create_sample_workspace
from journeymap.storage import Workspace
from journeymap.templates import build_template, list_templates


def test_sample_workspace_holds_one_map_per_template(tmp_path):
    path = tmp_path / "first.journeymap"
    ids = create_sample_workspace(path)
    keys = [key for key, _ in list_templates()]
    assert len(ids) == len(keys) == len(set(ids))
    with Workspace.open(path, readonly=True) as workspace:
        summaries = {s.id: s for s in workspace.list_maps()}
        assert set(summaries) == set(ids)
        names = sorted(s.name for s in summaries.values())
        assert names == sorted(build_template(key).name for key in keys)
        assert all(s.touchpoints > 0 for s in summaries.values())


def test_sample_workspace_is_released_for_the_editor(tmp_path):
    path = tmp_path / "first.journeymap"
    create_sample_workspace(path)
    with Workspace.open(path) as workspace:  # no lock left behind
        assert workspace.list_maps()


def test_sample_refuses_an_existing_file_and_leaves_it_alone(tmp_path):
    path = tmp_path / "mine.journeymap"
    path.write_bytes(b"not a workspace")
    with pytest.raises(WorkspaceError, match="already there"):
        create_sample_workspace(path)
    assert path.read_bytes() == b"not a workspace"


def test_sample_that_fails_half_way_leaves_no_file(tmp_path, monkeypatch):
    import journeymap.sample as sample

    calls = []

    def failing(key, name=None):
        calls.append(key)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return build_template(key, name)

    monkeypatch.setattr(sample, "build_template", failing)
    path = tmp_path / "first.journeymap"
    with pytest.raises(RuntimeError):
        create_sample_workspace(path)
    assert not path.exists()
    assert not path.with_name(path.name + ".lock").exists()
