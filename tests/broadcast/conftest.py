"""One real pack, built once per session from the sample records (with its preview video), for every broadcast test."""

from __future__ import annotations

import pytest

from generator.broadcast.build import Placed
from generator.broadcast.pack import Pack
from generator.build import Project, build_episodes
from generator.editions.calendar import Episode
from generator.processes import pool
from generator.records import loader
from generator.records.public import Views
from tests.conftest import REPO

WEEK = "2017-W50"


@pytest.fixture(scope="session")
def placed(tmp_path_factory: pytest.TempPathFactory) -> Placed:
    episode = Episode.parse(WEEK)
    views = Views(loader.load(REPO / "records"))
    out = tmp_path_factory.mktemp("broadcast")
    project = Project.read(REPO / "mkdocs.yml", tmp_path_factory.mktemp("cache"))
    with project.cache.in_use(), pool() as workers:
        [built] = build_episodes(views, [episode], episode.air_date, project, out, {episode.id}, {episode.id}, workers).outputs
    return built


@pytest.fixture(scope="session")
def pack(placed: Placed) -> Pack:
    return placed.pack()
