"""Fixtures shared by the tests."""

from __future__ import annotations

import pytest

from _support import SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
