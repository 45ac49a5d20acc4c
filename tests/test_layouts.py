"""Dates, years, titles and sources of statements laid out as archives and sites publish
them: one fixture per layout in tests/fixtures/layouts/, each read through the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.dates import find_date
from indexer.pipeline import Analyser
from indexer.read.document import read_source

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def _doc(analyser, name):
    return analyser.analyse(read_source(LAYOUTS / name, LAYOUTS))


@pytest.mark.parametrize(
    ("name", "date", "year", "how"),
    [
        # HTML page metadata: the article's own date, not the sidebar's, "updated" or ©
        ("html_time_datetime.html", "2019-11-21", 2019, "html-meta"),
        ("html_time_text.html", "2022-07-04", 2022, "html-meta"),
        ("html_meta_published.html", "2018-03-08", 2018, "html-meta"),
        ("html_itemprop.html", "2017-05-10", 2017, "html-meta"),
        ("html_jsonld.html", "2020-04-12", 2020, "html-meta"),
        ("html_byline_published_on.html", "2016-10-02", 2016, "byline"),
        ("html_postmeta_pipe.html", "2019-11-21", 2019, "byline"),  # not "Previous: …, 01/05/2019"
        # text
        ("opening_sentence.txt", "2021-12-01", 2021, "text"),
        ("ordinal_date.txt", "2020-05-09", 2020, "text"),
        ("dateline_after_signatures.txt", "2018-10-14", 2018, "dateline"),
        ("dotted_dateline.txt", "2017-11-07", 2017, "dateline"),
        ("slashed_dateline.txt", "2022-03-05", 2022, "dateline"),
        ("us_month_first.txt", "2022-03-05", 2022, "dateline"),
        ("day_month_no_year.txt", "2016-10-25", 2016, "inferred-year"),  # never 1916
        ("year_only.txt", None, 2019, "text"),
        ("spanish_date.txt", "2017-11-07", 2017, "dateline"),
        ("kicker_communique.txt", "2022-09-30", 2022, "dateline"),
        ("source_not_place.txt", "2015-03-12", 2015, "dateline"),
    ],
)
def test_date_and_year_of_each_layout(analyser, name, date, year, how):
    doc = _doc(analyser, name)
    assert (doc.date, doc.year) == (date, year)
    assert doc.provenance["date" if date else "year"] == how
    assert doc.provenance["year"] in (how, "html-meta", "byline", "dateline", "text")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Madrid, 7 de noviembre de 2017", "2017-11-07"),
        ("Lisboa, 25 de Abril de 2019", "2019-04-25"),
        ("Paris, le 1er mai 2018", "2018-05-01"),
        ("Berlin, 8. Mai 2020", "2020-05-08"),
        ("Roma, 25 aprile 2019", "2019-04-25"),
        ("Αθήνα, 17 Νοεμβρίου 2018", "2018-11-17"),
        ("Москва, 7 ноября 2017 года", "2017-11-07"),
        ("İstanbul, 15 Mart 2021", "2021-03-15"),
        ("Ankara, 28 Şubat 2019", "2019-02-28"),
        ("Ankara, 5 Ağustos 2018", "2018-08-05"),
    ],
)
def test_month_names_in_the_parties_languages(text, iso):
    body = ["The workers of the whole country will answer the attack on their rights with a strike."] * 3
    assert find_date(["Title", text, *body]).date == iso


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("dateline_after_signatures.txt", ""),  # "Havana, …" is a place
        ("slashed_dateline.txt", ""),  # "Athens, …"
        ("us_month_first.txt", ""),  # "Washington, …"
        ("source_not_place.txt", "KKE International Section"),  # the "Source:" line, not Athens
        ("html_time_datetime.html", "Workers' Voice"),  # the site, not a byline
        ("html_time_text.html", ""),  # "By the Press Office" is an author
    ],
)
def test_source_is_the_publisher_not_the_place(analyser, name, source):
    assert _doc(analyser, name).source == source


def test_an_event_year_in_the_opening_is_no_date():
    lines = ["A title", "On 16 December 2011 the workers gathered peacefully in the square of the town.",
             "The police fired on them and killed sixteen people, and nobody has been tried."]
    assert find_date(lines).date is None


@pytest.mark.parametrize(
    ("name", "title", "subtitle", "genre"),
    [
        ("kicker_communique.txt", "Meeting of the European Communist Parties on energy prices", "", "communiqué"),
        ("kicker_statement_of_parties.txt", "Against the imperialist war in the Middle East", "",
         "joint statement"),
        ("html_kicker_press.html", "The budget of austerity must be stopped",
         "The Political Bureau on the government's budget for the coming year", "press release"),
        ("subtitle_standfirst.txt", "The October Revolution lights the way",
         "Joint statement of communist and workers' parties on the 100th anniversary of the Great "
         "October Socialist Revolution", "joint statement"),
        ("html_itemprop.html", "Statement on the election results", "", "statement"),  # no byline subtitle
        ("html_postmeta_pipe.html", "Solidarity with the striking bus drivers", "", None),  # not the site
        ("opening_sentence.txt", "Stop the spread of HIV: medicines for all", "", None),
    ],
)
def test_kicker_title_subtitle_and_genre(analyser, name, title, subtitle, genre):
    doc = _doc(analyser, name)
    assert (doc.title, doc.subtitle, doc.extra.get("genre")) == (title, subtitle, genre)


def test_a_sidecar_genre_wins(tmp_path):
    from indexer.read.sidecars import Sidecars

    (tmp_path / "a.txt").write_text((LAYOUTS / "kicker_communique.txt").read_text())
    (tmp_path / "metadata.csv").write_text("file,genre\na.txt,minutes\n")
    doc = Analyser().analyse(read_source(tmp_path / "a.txt", tmp_path, Sidecars.load(tmp_path)))
    assert doc.extra["genre"] == "minutes"
