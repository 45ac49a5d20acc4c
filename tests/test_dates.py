"""Tests of indexer.extract.dates: statement dates, datelines, year inference, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.dates import DateInfo, find_date, is_dateline, parse_date_string, year_of

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"

BODY = [
    "The Communist and Workers' Parties condemn the attack on the striking workers.",
    "We demand the release of all those arrested.",
]


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# ---- the seeds


def test_seed_000_day_and_month_take_the_year_of_the_text():
    info = find_date(lines_of(SEEDS / "000_f6e28804950bea45.txt"))
    assert info == DateInfo("2022-01-18", 2022, None)


def test_seed_004_dateline_with_source():
    info = find_date(lines_of(SEEDS / "004_3211777dd4a43931.txt"))
    assert info.date == "2017-05-10"
    assert info.year == 2017
    assert info.source_line == "ICP"


# ---- date forms in a dateline


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("10 May 2017", "2017-05-10"),
        ("05/07/2023", "2023-07-05"),  # day first
        ("30.9.2019", "2019-09-30"),
        ("12/25/2020", "2020-12-25"),  # month first: 25 cannot be a month
        ("2020-04-12", "2020-04-12"),
        ("2020/04/12", "2020-04-12"),
        ("Friday, October 21, 2022", "2022-10-21"),
        ("October 21, 2022", "2022-10-21"),
        ("21st of October 2022", "2022-10-21"),
        ("Oct. 21, 2022", "2022-10-21"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("3rd June 2019", "2019-06-03"),
        ("12.04.20", "2020-04-12"),
        ("Posted on 3 March 2021", "2021-03-03"),
        ("Published: 2021-03-03", "2021-03-03"),
        ("Madrid, 10 de mayo de 2017", "2017-05-10"),
        ("Lisboa, 25 de abril de 2024", "2024-04-25"),
        ("Paris, le 1er mai 2019", "2019-05-01"),
        ("Berlin, 10. Mai 2017", "2017-05-10"),
        ("Roma, 25 aprile 2015", "2015-04-25"),
        ("Αθήνα, 12 Απριλίου 2020", "2020-04-12"),
        ("Москва, 7 ноября 2017", "2017-11-07"),
        ("Published: 10 May 2017 | Category: Statements", "2017-05-10"),
        ("Posted on 3 March 2021 by admin", "2021-03-03"),
    ],
)
def test_dateline_forms(dateline, expected):
    info = find_date(["Solidarity with the dockworkers", dateline, *BODY])
    assert info.date == expected
    assert info.year == int(expected[:4])


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("ICP, 10 May 2017", "ICP"),
        ("Communist Party of Greece, 10 May 2017", "Communist Party of Greece"),
        ("Athens, 12.04.2020", "Athens"),
        ("Source: Rizospastis, 12.04.2020", "Rizospastis"),
        ("10 May 2017, Athens", "Athens"),
        ("Friday, October 21, 2022", None),  # a weekday is no source
        ("Posted on 3 March 2021", None),
        ("Source: www.solidnet.org, 3 March 2021", "www.solidnet.org"),
        ("Posted on 3 March 2021 by KKE", "KKE"),
        ("Posted on 3 March 2021 by the webmaster", None),
    ],
)
def test_dateline_source(dateline, source):
    assert find_date(["A title", dateline, *BODY]).source_line == source


def test_dateline_at_the_end_after_signatories():
    info = find_date(lines_of(FIXTURES / "statement_dateline_end.txt"))
    assert info == DateInfo("2020-04-12", 2020, "Athens")


def test_source_dateline_at_the_end_of_a_long_text():
    lines = ["A title"] + [f"Paragraph {i} of the statement." for i in range(60)]
    lines.append("Source: Rizospastis, 12.04.2020")
    assert find_date(lines) == DateInfo("2020-04-12", 2020, "Rizospastis")


def test_lead_dateline_at_the_start_of_a_paragraph():
    lines = ["ATHENS, 12.04.2020 – The Communist Party of Greece condemned today the "
             "banning of the strike at the port of Piraeus and called for solidarity."]
    assert find_date(lines) == DateInfo("2020-04-12", 2020, "ATHENS")


# ---- the statement's date, not an event's or the page's


def test_event_dates_in_prose_are_not_the_statement_date():
    assert find_date(lines_of(FIXTURES / "event_dates_only.txt")) == DateInfo(None, None, None)


def test_page_chrome_is_ignored_and_posted_on_is_taken():
    info = find_date(lines_of(FIXTURES / "web_page_chrome.txt"))
    assert info.date == "2021-02-14"  # not "Last updated 3 March 2023", not "© 2023"


@pytest.mark.parametrize(
    "chrome",
    ["Last updated 12 March 2023", "Updated: 2023-03-12", "Modified 12.03.2023",
     "Retrieved 12 March 2023", "© 2023 Workers' Party", "Copyright 2010-2023"],
)
def test_chrome_alone_gives_no_date(chrome):
    assert find_date(["A title", chrome, *BODY]) == DateInfo(None, None, None)


def test_update_in_a_title_is_no_chrome():
    assert find_date(["Title", "KKE Update, 10 May 2017", *BODY]).date == "2017-05-10"
    assert find_date(["Update: 10 May 2017", *BODY]).date is None


def test_month_first_fixture():
    assert find_date(lines_of(FIXTURES / "month_first_us.txt")).date == "2020-12-25"


def test_publication_verb_with_statement_noun_in_the_lead():
    lines = ["Title", "The joint statement was adopted on 3 June 2019 in Brussels by 20 "
             "parties at the end of their meeting on the situation in the region."]
    assert find_date(lines).date == "2019-06-03"


def test_publication_verb_about_something_else_is_an_event():
    lines = ["Title", "The law adopted on 3 June 2019 banned strikes in the ports and "
             "imposed heavy fines on the trade unions that organised them."]
    assert find_date(lines) == DateInfo(None, None, None)


def test_statement_of_date():
    lines = ["Title", "The statement of 14 March 2022 on the war in Ukraine was signed by "
             "many parties and remains open for endorsement."]
    assert find_date(lines).date == "2022-03-14"


def test_dateline_wins_over_prose_dates():
    lines = ["Title", "On 1 May 2015 the workers marched; on 2 May 2015 the police attacked.",
             "Lisbon, 4 May 2015"]
    assert find_date(lines).date == "2015-05-04"


def test_dateline_in_hard_wrapped_prose_is_no_dateline():
    lines = ["The delegation recalls the declaration adopted in"] * 6 + [
        "the capital of the country, which was signed on", "21 May 1997.",
        "It remains the basis of our policy in the region and"] + ["continues here."] * 8
    assert find_date(lines).date is None


# ---- years


def test_day_and_month_with_present_time_phrase():
    lines = ["A joint statement was issued January 18 by the parties.",
             "1. At the beginning of 2022, the country was shaken by mass protests."]
    assert find_date(lines) == DateInfo("2022-01-18", 2022, None)


def test_day_and_month_after_a_dated_event():
    lines = ["On 17 January 2022 the strike began in the oil fields of the west.",
             "The joint statement issued January 18 reads:", "Solidarity with the strikers"]
    assert find_date(lines).date == "2022-01-18"


def test_day_and_month_crossing_the_new_year():
    lines = ["In December 2011 the police fired on the strikers.",
             "The joint statement issued January 18 condemns the massacre."]
    assert find_date(lines).date == "2012-01-18"


def test_day_and_month_without_any_year_hint():
    lines = ["The joint statement issued January 18 condemns the massacre of 1965."]
    assert find_date(lines) == DateInfo(None, None, None)


def test_present_time_year_contradicted_by_a_later_year():
    lines = ["The joint statement issued January 18 reads:",
             "At the beginning of 2020 the strikes began; the elections of 2021 changed nothing."]
    assert find_date(lines) == DateInfo(None, None, None)


def test_year_only_from_present_time_phrase():
    lines = ["Title", "At the beginning of 2022 the country was shaken by protests. "
             "The massacre of 2011 is not forgotten."]
    assert find_date(lines) == DateInfo(None, 2022, None)


def test_year_only_from_month_dateline():
    assert find_date(["Title", "May 2017", *BODY]) == DateInfo(None, 2017, None)


def test_future_plans_are_not_the_present_year():
    lines = ["Title", "The conference will be held in Valletta at the beginning of 2025 "
             "to discuss the situation."]
    assert find_date(lines) == DateInfo(None, None, None)


def test_targets_do_not_block_the_present_year():
    lines = ["The joint statement issued March 8 reads:",
             "At the beginning of 2021 the workers struck; the plan runs until 2030."]
    assert find_date(lines) == DateInfo("2021-03-08", 2021, None)


def test_only_old_events_give_no_year():
    lines = ["Title", "The massacre of 1965 and the coup of 1973 are part of our history."]
    assert find_date(lines) == DateInfo(None, None, None)


def test_lower_case_may_is_a_verb():
    assert find_date(["Title", "may 2017", *BODY]) == DateInfo(None, None, None)


# ---- html meta


def test_html_meta_date_wins():
    lines = ["Title", "ICP, 10 May 2017", *BODY]
    info = find_date(lines, {"date": "2017-05-11T08:00:00+02:00"})
    assert info == DateInfo("2017-05-11", 2017, "ICP")


def test_unparseable_html_meta_falls_back_to_text():
    info = find_date(["Title", "10 May 2017", *BODY], {"date": "yesterday"})
    assert info.date == "2017-05-10"


def test_html_meta_year_only_keeps_a_matching_text_date():
    assert find_date(["Title", "10 May 2017", *BODY], {"date": "2017"}).date == "2017-05-10"
    assert find_date(["Title", "10 May 2016", *BODY], {"date": "2017"}) == DateInfo(None, 2017)


def test_empty_document():
    assert find_date([]) == DateInfo(None, None, None)
    assert find_date(["", "   ", ""]) == DateInfo(None, None, None)


# ---- single values


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-05-10", "2017-05-10"),
        ("10/05/2017", "2017-05-10"),
        ("12/25/2020", "2020-12-25"),
        ("10 May 2017", "2017-05-10"),
        ("2017-05-10T12:00:00+02:00", "2017-05-10"),
        ("Wed, 10 May 2017 09:00:00 GMT", "2017-05-10"),
        ("20170510", "2017-05-10"),
        ("May 2017", None),
        ("2017", None),
        ("", None),
        (None, None),
        ("31/02/2017", None),
        ("not a date", None),
    ],
)
def test_parse_date_string(value, iso):
    assert parse_date_string(value) == iso


@pytest.mark.parametrize(
    ("value", "year"),
    [("2017", 2017), (2017, 2017), ("May 2017", 2017), ("10/05/2017", 2017),
     ("2017-05-10", 2017), ("mayo de 2017", 2017), ("", None), (None, None),
     ("no year", None), (True, None), (2017.0, 2017), (99999, None)],
)
def test_year_of(value, year):
    assert year_of(value) == year


@pytest.mark.parametrize(
    ("line", "expected"),
    [("10 May 2017", True), ("ICP, 10 May 2017", True), ("Posted on 3 March 2021", True),
     ("Athens, 12.04.2020", True), ("KKE HQ in Athens", False),
     ("The police fired on 16 December 2011 at the strikers in the square", False),
     ("", False)],
)
def test_is_dateline(line, expected):
    assert is_dateline(line) is expected


def test_dateline_without_a_comma():
    info = find_date(["Joint statement on Syria", "Athens 12/3/2015", "We condemn the attack."])
    assert (info.date, info.year) == ("2015-03-12", 2015)
    assert find_date(["Statement", "Buenos Aires 1 May 2019", "Text."]).date == "2019-05-01"
    assert find_date(["Statement", "We met the delegation on 12 May 2015 in the capital."]).date is None
