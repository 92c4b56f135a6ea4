"""The response cache: bounded, shared between processes, per graph build, bytes only, and
keeping what is asked again."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import shutil
import sqlite3
import threading

import pytest

from contentgraph.answers import ResponseCache

QUERY = ("{ concept(slug: \"trust\") { label } }", "null", None)


def query(i: int) -> tuple:
    return (f"{{ q{i} }}", "null", None)


def store(answers, operation: tuple, answer: bytes) -> None:
    """Compute-and-put twice: an answer is kept from its second time on."""
    answers.put(operation, answer)
    answers.put(operation, answer)


def test_an_answer_is_kept_the_second_time_it_is_computed():
    answers = ResponseCache(100, 1_000_000).for_build("b")
    answers.put(QUERY, b"answer")
    assert answers.get(QUERY) is None and len(answers.cache) == 0
    answers.put(QUERY, b"answer")
    assert answers.get(QUERY) == b"answer"


def test_it_keeps_at_most_size_answers_the_oldest_dropped_first():
    answers = ResponseCache(2, 1_000_000).for_build("b")
    for i in range(3):
        store(answers, query(i), b"answer %d" % i)
    assert len(answers.cache) == 2
    assert answers.get(query(0)) is None and answers.get(query(2)) == b"answer 2"


def test_size_or_budget_zero_keeps_nothing():
    for size, budget in ((0, 1_000_000), (100, 0)):
        answers = ResponseCache(size, budget).for_build("b")
        store(answers, QUERY, b"answer")
        assert answers.get(QUERY) is None and len(answers.cache) == 0


def test_it_is_bounded_in_bytes_and_refuses_an_answer_over_a_sixteenth():
    cache = ResponseCache(1000, 160_000)
    answers = cache.for_build("b")
    for i in range(20):
        store(answers, query(i), b"x" * 9_000)
    assert cache.bytes <= 160_000 and 5 <= len(cache) < 20
    assert answers.get(query(19)) is not None and answers.get(query(0)) is None
    store(answers, query(99), b"x" * 10_001)
    assert answers.get(query(99)) is None


def test_a_build_never_sees_another_builds_answers():
    cache = ResponseCache(100, 1_000_000)
    store(cache.for_build("old"), QUERY, b"old answer")
    assert cache.for_build("new").get(QUERY) is None
    assert cache.for_build("old").get(QUERY) == b"old answer"


def test_keys_of_different_operations_never_meet():
    answers = ResponseCache(100, 1_000_000).for_build("b")
    assert answers.key(("a\0b", "null", None)) != answers.key(("a", "b", None))
    assert answers.key(("{ q }", "null", None)) != answers.key(("{ q }", "null", "None"))


def _put_in_child(directory: str) -> None:
    store(ResponseCache(100, 1_000_000, directory).for_build("b"), QUERY, b"from another process")


def test_an_answer_one_process_stores_serves_the_others():
    cache = ResponseCache(100, 1_000_000)
    child = multiprocessing.get_context("spawn").Process(target=_put_in_child,
                                                         args=(str(cache.directory),))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert cache.for_build("b").get(QUERY) == b"from another process"


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_a_planted_pickle_runs_nothing(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    cache = ResponseCache(100, 1_000_000, tmp_path / "answers")
    answers = cache.for_build("b")
    store(answers, QUERY, b"answer")
    with sqlite3.connect(cache.directory / "cache.db") as db:
        db.execute("UPDATE Cache SET mode = 4, value = ?", (pickle.dumps(_Payload()),))
    with caplog.at_level(logging.WARNING, "contentgraph.answers"):
        assert answers.get(QUERY) is None
    assert not (tmp_path / "ran").exists()
    assert "holds bytes only" in caplog.text


def test_a_broken_cache_costs_its_hits_not_the_answers(tmp_path, caplog):
    cache = ResponseCache(100, 1_000_000, tmp_path / "answers")
    answers = cache.for_build("b")
    store(answers, query(1), b"x" * 40_000)  # large: kept in a file of its own
    shutil.rmtree(cache.directory)
    cache.directory.write_text("not a folder any more")

    found = []

    def use() -> None:  # a new thread opens a connection of its own: it fails
        found.append(answers.get(query(1)))
        store(answers, query(2), b"answer")
        found.append(answers.get(query(2)))

    with caplog.at_level(logging.WARNING, "contentgraph.answers"):
        for _ in range(2):
            worker = threading.Thread(target=use)
            worker.start()
            worker.join()
    assert found == [None] * 4
    assert caplog.text.count("answering without it") == 1


def test_its_private_folder_goes_with_it_but_not_when_a_forked_worker_exits():
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    cache = ResponseCache(100, 1_000_000)
    folder = cache.directory
    assert folder.stat().st_mode & 0o077 == 0  # only its owner reads it
    pid = os.fork()
    if pid == 0:  # a worker leaving runs the finaliser it inherited (as its exit would)
        try:
            cache._remove_folder()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert folder.exists()
    del cache
    gc.collect()
    assert not folder.exists()
