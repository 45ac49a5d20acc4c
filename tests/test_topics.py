"""Tests of indexer.extract.topics: the taxonomy file, passage tags, document topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.topics import ENV_VAR, Taxonomy, TaxonomyError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"

EXPECTED_IDS = [
    "labour", "repression", "imperialism", "nato", "energy", "privatisation", "health",
    "environment", "solidarity", "anticommunism", "history", "palestine", "cuba",
    "elections", "economy",
]


@pytest.fixture(scope="module")
def tx() -> Taxonomy:
    return Taxonomy.load(ROOT / "indexer" / "data" / "taxonomy.toml")


def seed_passages(name: str) -> list[str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


# ---- the shipped taxonomy


def test_fifteen_topics_in_order_with_labels(tx):
    assert tx.ids() == EXPECTED_IDS
    assert tx.label("labour") == "Labour and trade unions"
    assert tx.label("nato") == "NATO and military alliances"
    assert tx.label("economy") == "Economy and cost of living"
    assert tx.label("unknown") == "unknown"
    assert all(tx.label(i) and tx.label(i) != i for i in tx.ids())


def test_no_keyword_is_a_word_every_statement_uses(tx):
    words = {w.lower() for t in tx.topics for w in t.keywords + t.strong}
    assert not words & {"party", "parties", "people", "workers", "struggle", "communist",
                        "government", "country"}


def test_topic_keyword_counts(tx):
    for topic in tx.topics:
        assert 15 <= len(topic.keywords) + len(topic.strong) <= 80, topic.id


# ---- passages


def test_seed_000_document_topics(tx):
    topics = tx.document_topics(seed_passages("000_f6e28804950bea45.txt"))
    assert {"labour", "repression", "solidarity"} <= set(topics)
    assert not {"cuba", "palestine", "elections", "health"} & set(topics)
    assert topics == [t for t in EXPECTED_IDS if t in topics]  # taxonomy order


def test_seed_004_document_topics(tx):
    text = (SEEDS / "004_3211777dd4a43931.txt").read_text(encoding="utf-8")
    topics = tx.document_topics([p for p in text.split("\n\n") if p.strip()])
    assert {"labour", "repression", "solidarity"} <= set(topics)
    assert not {"cuba", "palestine", "nato", "history"} & set(topics)


def test_nato_bases(tx):
    assert "nato" in tx.tag("The people demand the closure of the NATO bases on our soil.")
    assert "nato" in tx.tag("No to the US military bases in Okinawa and in Souda Bay!")


def test_anniversary_of_the_october_revolution(tx):
    tags = tx.tag("We salute the 100th anniversary of the October Revolution.")
    assert "history" in tags
    assert "solidarity" not in tags  # "salute" alone is a weak word


def test_single_weak_word_does_not_tag(tx):
    passage = ("The delegates discussed the organisation of the youth festival, the printing "
               "of the newspaper and the school for new members, which will also cover the "
               "history of oil in the region, in a long and friendly meeting.")
    assert tx.hits(passage).get("energy") == 1.0
    assert "energy" not in tx.tag(passage)


def test_strong_phrase_tags_alone(tx):
    assert tx.tag("Down with the general strike breakers") == ["labour"]
    assert tx.tag("Free all political prisoners") == ["repression"]
    assert tx.tag("Lift the blockade of Cuba") == ["cuba"]
    assert tx.tag("Stop the massacre in Gaza") == ["palestine"]


def test_repeats_count_half(tx):
    assert tx.hits("oil")["energy"] == 1.0
    assert tx.hits("oil, oil")["energy"] == 1.5
    assert tx.tag("oil, oil and oil") == ["energy"]


def test_plural_prefix_hyphen_and_apostrophe_forms(tx):
    assert tx.hits("monopolies")["privatisation"] == 2.0  # monopol*
    assert tx.hits("privatizations")["privatisation"] == 2.0
    assert tx.hits("trade-union rights")["labour"] >= 2.0
    assert tx.hits("the anticommunist law")["anticommunism"] == 2.0
    assert tx.hits("workers’ rights")["labour"] == 2.0
    assert tx.hits("workers rights")["labour"] == 2.0
    assert "energy" not in tx.hits("the soil and the boiler")  # whole words only
    assert tx.hits("the strikers")["labour"] == 2.0  # the phrase, not also strike*


def test_case_insensitive_and_across_line_breaks(tx):
    assert tx.tag("CLIMATE\nCHANGE") == ["environment"]
    assert tx.tag("the Working\n  Class") == ["labour"]


def test_excludes(tx):
    assert "elections" not in tx.hits("We congratulate you on your election to the presidency.")
    assert tx.hits("The Labour Party won the vote.").get("labour") is None
    assert "labour" in tx.tag("The labour movement and the labour code")
    assert tx.hits("The air strikes killed civilians.").get("labour") is None


def test_patterns(tx):
    assert tx.hits("The COP26 summit failed.")["environment"] == 2.0
    assert "solidarity" in tx.tag("We express our militant solidarity to the people.")


def test_empty_text(tx):
    assert tx.hits("") == {}
    assert tx.tag("") == []
    assert tx.document_topics([]) == []


# ---- document topics


def test_document_topics_need_more_than_one_passing_mention(tx):
    passages = [
        "The general strike paralysed the country and the trade unions won a new "
        "collective agreement.",
        "The trade unions called for a national day of action for the minimum wage.",
        "The strike committee thanked the dockers.",
        "Cuba was mentioned once at the end of the meeting.",
        "The party will hold its congress in spring.",
        "The youth organisation will hold its festival in summer.",
        "The newspaper will publish a special edition.",
        "The school for cadres opens in autumn.",
    ]
    topics = tx.document_topics(passages)
    assert "labour" in topics
    assert "cuba" not in topics  # tagged in one passage of eight, a small share


def test_document_topics_accept_hits(tx):
    hits = [tx.hits("Solidarity with Cuba against the blockade!"), tx.hits("Hands off Cuba!")]
    assert tx.document_topics(hits) == tx.document_topics(
        ["Solidarity with Cuba against the blockade!", "Hands off Cuba!"])
    assert "cuba" in tx.document_topics(hits)


def test_document_topics_one_passage(tx):
    assert tx.document_topics(["Free all political prisoners!"]) == ["repression"]


# ---- loading and errors


def test_default_is_cached(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert Taxonomy.default() is Taxonomy.default()
    assert Taxonomy.default().ids() == EXPECTED_IDS


def test_environment_variable_overrides_the_taxonomy(monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(FIXTURES / "taxonomy_custom.toml"))
    custom = Taxonomy.default()
    assert custom.ids() == ["rail", "housing"]
    assert custom.label("rail") == "Railways"
    assert custom.tag("The rail strike stopped every train.") == ["rail"]
    assert custom.tag("A tenant") == ["housing"]  # min_hits = 1
    assert custom.tag("We need social housing") == ["housing"]  # pattern
    monkeypatch.delenv(ENV_VAR)
    assert Taxonomy.default().ids() == EXPECTED_IDS


def test_bad_toml(tmp_path):
    with pytest.raises(TaxonomyError, match="invalid TOML"):
        Taxonomy.load(FIXTURES / "taxonomy_bad_toml.toml")


def test_topic_without_label():
    with pytest.raises(TaxonomyError, match=r"topic 'peace': missing label"):
        Taxonomy.load(FIXTURES / "taxonomy_missing_label.toml")


def test_bad_regex():
    with pytest.raises(TaxonomyError, match=r"topic 'cuba': bad regular expression"):
        Taxonomy.load(FIXTURES / "taxonomy_bad_regex.toml")


def test_missing_file(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        Taxonomy.load(tmp_path / "nope.toml")


def test_bad_env_path_raises(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.toml"))
    with pytest.raises(TaxonomyError):
        Taxonomy.default()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no \\[topics"),
        ('[topics.Labour]\nlabel = "L"\nkeywords = ["a b"]', "short slug"),
        ('[topics.x]\nlabel = "X"\nkeyword = ["strike"]', "unknown key\\(s\\) keyword"),
        ('[topics.x]\nlabel = "X"', "no keywords"),
        ('[topics.x]\nlabel = "X"\nkeywords = "strike"', "must be a list of strings"),
        ('[topics.x]\nlabel = "X"\nkeywords = ["str*ke"]', "may only end"),
        ('[topics.x]\nlabel = "X"\nkeywords = ["a*"]', "prefix too short"),
        ('[topics.x]\nlabel = "X"\nkeywords = ["(oil)"]', "cannot hold"),
        ('[topics.x]\nlabel = "X"\nkeywords = ["oil"]\nmin_hits = 0', "positive number"),
        ('[topics.x]\nlabel = ""\nkeywords = ["oil"]', "missing label"),
        ('[topics.x]\nlabel = "X"\npatterns = ["a?"]', "matches empty text"),
        ('topics = 3', "no \\[topics"),
    ],
)
def test_malformed_taxonomies(toml, message):
    with pytest.raises(TaxonomyError, match=message):
        Taxonomy.loads(toml, "test.toml")


def test_error_names_the_file():
    with pytest.raises(TaxonomyError, match=r"^test\.toml: topic 'x'"):
        Taxonomy.loads('[topics.x]\nlabel = "X"', "test.toml")


def test_keyword_listed_twice_counts_once_with_the_stronger_weight():
    tx = Taxonomy.loads('[topics.x]\nlabel = "X"\nkeywords = ["oil"]\nstrong = ["oil"]')
    assert tx.hits("oil") == {"x": 2.0}


def test_weight_and_min_hits_per_topic():
    tx = Taxonomy.loads('[topics.x]\nlabel = "X"\nkeywords = ["oil"]\nweight = 3\n'
                        '[topics.y]\nlabel = "Y"\nstrong = ["gas"]\nmin_hits = 5')
    assert tx.hits("oil and gas") == {"x": 3.0, "y": 2.0}
    assert tx.tag("oil and gas") == ["x"]


def test_text_whose_lower_case_is_longer():
    # "İ" lower-cases to two characters; a pattern must still match where its word is.
    tx = Taxonomy.loads('[topics.x]\nlabel = "X"\npatterns = [\'\\bexpress\\w*\\s+our\\s+anger\']')
    assert tx.tag("İİİİİİİİİİ We express our anger.") == ["x"]
    assert tx.tag("We express our anger.") == ["x"]
