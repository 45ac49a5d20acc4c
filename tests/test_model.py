"""The one shape of a party and of a passage (indexer/model.py), as every output prints it."""

from __future__ import annotations

from indexer.model import Party, party_dict, passage_dict, passage_position
from indexer.query.results import PartyRef
from indexer.store.reader import Snapshot

KAZ_2022 = "000_f6e28804950bea45"
KKE = {"id": "kke-gr", "name": "Communist Party of Greece", "acronym": "KKE", "country": "Greece"}


def test_party_dict_from_every_form():
    assert party_dict(Party("kke-gr", "Communist Party of Greece", "KKE", "Greece", aliases=("x",))) == KKE
    assert party_dict(PartyRef("kke-gr", "Communist Party of Greece", "KKE", "Greece")) == KKE
    assert party_dict({**KKE, "known": True, "aliases": ["x"], "count": 3}) == KKE
    assert party_dict({"id": "new-party"}) == {"id": "new-party", "name": "new-party", "acronym": "", "country": ""}


def test_passage_dict_from_stored_fields():
    stored = {"chunk_id": "d#3", "kind": "point", "point": 4, "text": "Strike!", "passage_topic": "labour war",
              "position": "3", "doc_id": "d"}
    assert passage_dict(stored) == {"chunk_id": "d#3", "kind": "point", "point": "4", "text": "Strike!",
                                    "topics": ["labour", "war"]}
    assert passage_position(stored) == 3
    assert passage_dict(passage_dict(stored)) == passage_dict(stored)
    assert passage_dict({"text": "x", "point": ""})["point"] is None


def test_api_export_and_show_print_the_same_shapes(client, web_index_dir):
    shown = Snapshot.open(web_index_dir).document(KAZ_2022)
    api_doc = client.get(f"/api/documents/{KAZ_2022}").get_json()
    assert api_doc["signatories"] == shown["signatories"]
    assert shown["signatories"][1] == KKE
    assert [passage_dict(p) for p in api_doc["passages"]] == shown["passages"]
    exported = client.get("/export.json?party=kke-gr&q=kazakhstan").get_json()["statements"]
    kaz = next(s for s in exported if s["doc_id"] == KAZ_2022)
    assert kaz["parties"] == shown["signatories"]
    api = client.get("/api/search?q=kazakhstan&party=kke-gr").get_json()["results"]
    assert next(r for r in api if r["doc_id"] == KAZ_2022)["parties"] == shown["signatories"]
