"""Settings: one table read by the CLI, the environment and validation; bad values are named."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.errors import SettingError
from contentgraph.settings import SETTINGS, Settings



def test_defaults_are_the_documented_limits():
    limits = Settings().limits()
    assert (limits.depth, limits.aliases, limits.tokens, limits.cost) == (10, 15, 1000, 10_000)
    assert Settings().max_body == 100 * 1024 and Settings().host == "127.0.0.1"


def test_options_win_over_environment_over_defaults():
    env = {"CONTENTGRAPH_PORT": "9001", "CONTENTGRAPH_MAX_DEPTH": "5",
           "CONTENTGRAPH_CORS_ORIGINS": "https://a.example, https://b.example",
           "CONTENTGRAPH_INTROSPECTION": "off"}
    settings = Settings.from_sources({"port": "9002"}, env)
    assert settings.port == 9002 and settings.max_depth == 5
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.introspection is False


@pytest.mark.parametrize("name, value, reason", [
    ("port", "eighty", "not a whole number"),
    ("port", "70000", "must be between 0 and 65535"),
    ("max_cost", "-5", "must be at least 0"),
    ("introspection", "maybe", "must be one of"),
    ("reload_interval", "0", "must be a positive number of seconds"),
    ("colour", "blue", "no such setting"),
])
def test_bad_values_name_the_setting_and_the_value(name, value, reason):
    with pytest.raises(SettingError) as caught:
        Settings.from_sources({name: value})
    assert str(caught.value).startswith(f"Setting '{name}' has value '{value}': ")
    assert reason in str(caught.value)


def test_bad_environment_value_is_named_too():
    with pytest.raises(SettingError, match="Setting 'max_body' has value 'lots'"):
        Settings.from_sources({}, {"CONTENTGRAPH_MAX_BODY": "lots"})


def test_cli_serve_has_an_option_per_setting_and_reports_bad_values():
    runner = CliRunner()
    help_text = runner.invoke(main, ["serve", "--help"]).output
    for setting in SETTINGS:
        assert setting.option in help_text and setting.env in help_text
    result = runner.invoke(main, ["serve", "--port", "eighty"])
    assert result.exit_code == 1
    assert "Setting 'port' has value 'eighty': not a whole number" in result.output


def test_the_help_notice_and_its_links_are_settings():
    assert "emergency services" in Settings().help_notice and Settings().help_links == ()
    settings = Settings.from_sources({"help_notice": "Call us any time."}, {
        "CONTENTGRAPH_HELP_LINKS": "Crisis line=tel:+15550100, Our team=https://example.org/x"})
    assert settings.help_notice == "Call us any time."
    assert settings.help_links == (("Crisis line", "tel:+15550100"),
                                   ("Our team", "https://example.org/x"))


@pytest.mark.parametrize("value, reason", [
    ("Crisis line", "'Crisis line' is not LABEL=URL"),
    ("Click=javascript:alert(1)", "'javascript:alert(1)' is not an http, https, tel or mailto"),
    ("=https://example.org", "is not LABEL=URL"),
])
def test_bad_help_links_are_named(value, reason):
    with pytest.raises(SettingError) as caught:
        Settings.from_sources({"help_links": value})
    assert str(caught.value).startswith(f"Setting 'help_links' has value '{value}': ")
    assert reason in str(caught.value)


def test_the_graph_cache_is_shared_out_among_the_workers_and_the_answers_shared(example_store):
    from contentgraph.server import load_app

    settings = Settings(graph=example_store, workers=4, cache_bytes=4_000_000,
                        graph_cache_bytes=8_000_000)
    holder = load_app(settings).state.holder
    assert holder.cache.budget == 4_000_000  # one response cache for all the workers
    assert holder.current._cache.max_bytes == 2_000_000  # each worker's share of the graph's
    assert holder.reload()  # a graph loaded again gets the same share
    assert holder.current._cache.max_bytes == 2_000_000
