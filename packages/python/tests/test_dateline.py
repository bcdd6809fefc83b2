"""Tests of the Python package: character offsets, the document date, analyze_many's order and threads."""

import dateline
import pytest

TEXT = "Heavy rain 🌧 flooded São Paulo on Wednesday, officials said."


def mentions(analysis):
    for key in ("timexes", "places", "entities"):
        for item in analysis[key]:
            yield item


def test_spans_are_character_offsets():
    analysis = dateline.analyze(TEXT, dct="2016-09-05")
    found = list(mentions(analysis))
    assert any(m["text"] == "São Paulo" for m in found)
    for m in found:
        assert TEXT[m["span"]["start"]:m["span"]["end"]] == m["text"]


def test_the_document_date_resolves_weekdays():
    def wednesday(text, dct):
        return [t["value"] for t in dateline.analyze(text, dct=dct)["timexes"] if t["text"] == "Wednesday"]

    # Past tense: the Wednesday before the publication date; future: the one after.
    assert wednesday(TEXT, "2016-09-05") == ["2016-08-31"]
    assert wednesday("Talks will resume in Geneva on Wednesday.", "2016-09-05") == ["2016-09-07"]
    assert wednesday("Talks will resume in Geneva on Wednesday.", "2020-01-02") == ["2020-01-08"]


def test_bad_options_raise():
    with pytest.raises(ValueError):
        dateline.analyze(TEXT, dct="not a date")
    with pytest.raises(ValueError):
        dateline.analyze(TEXT, language="xx")
    with pytest.raises(TypeError):
        dateline.analyze(b"bytes")


def test_analyze_many_keeps_input_order_and_each_dct():
    records = [
        {"id": f"r{i}", "text": f"Talks {i} resumed in Geneva on Wednesday.", "dct": f"2016-09-{5 + (i % 20):02d}"}
        for i in range(60)
    ]
    results = dateline.analyze_many(iter(records), jobs=3)
    assert [r["id"] for r in results] == [r["id"] for r in records]
    for record, result in zip(records, results):
        assert result == {"id": record["id"], **dateline.analyze(record["text"], dct=record["dct"])}
    plain = dateline.analyze_many(["Homs was shelled on Sunday.", TEXT])
    assert plain[1] == dateline.analyze(TEXT)


def test_only_dates_keeps_the_dates_and_drops_the_rest():
    full = dateline.analyze(TEXT, dct="2016-09-05")
    dates = dateline.analyze(TEXT, dct="2016-09-05", only="dates")
    assert full["places"]
    assert dates["timexes"] == full["timexes"]
    assert dates["places"] == [] and dates["entities"] == [] and dates["events"] == []
    many = dateline.analyze_many([{"id": 1, "text": TEXT, "dct": "2016-09-05"}], only="dates")
    assert many == [{"id": 1, **dates}]
    with pytest.raises(ValueError):
        dateline.analyze(TEXT, only="names")
