from assessor_app.domain.anchors import EvidenceAnchor, ImageRegion, PdfLocation, TimeRange
from assessor_app.domain.wire import credential_from_achievement, credential_to_achievement


def test_credential_round_trips_through_open_badges_achievement(credential):
    doc = credential_to_achievement(credential)
    assert doc["achievementType"] == "MicroCredential"
    first = doc["resultDescription"][0]
    assert first["resultType"] == "RubricCriterionLevel"
    assert [lv["points"] for lv in first["rubricCriterionLevel"]] == ["1", "2", "3", "4"]
    assert first["requiredLevel"] == "context-2"
    assert credential_from_achievement(doc) == credential


def test_anchors_serialise_as_web_annotation_selectors():
    video = EvidenceAnchor("a", "ev", TimeRange(192, 220)).to_web_annotation("urn:ev")
    assert video["target"]["selector"][0]["value"] == "t=192,220"
    pdf = EvidenceAnchor("b", "ev", PdfLocation(3, "exact words")).to_web_annotation("urn:ev")
    assert pdf["target"]["selector"][0]["value"] == "page=3"
    assert pdf["target"]["selector"][0]["refinedBy"]["exact"] == "exact words"
    image = EvidenceAnchor("c", "ev", ImageRegion(160, 120, 320, 240), "work").to_web_annotation("urn:ev")
    assert image["target"]["selector"][0]["value"] == "xywh=160,120,320,240"
    assert image["body"][1] == {"type": "SpecificResource", "purpose": "classifying", "source": "work"}


def test_citations_read_like_a_person_would_write_them():
    assert EvidenceAnchor("a", "ev", TimeRange(65, 92)).citation("Lesson video") == "[Lesson video 01:05–01:32]"
    assert EvidenceAnchor("a", "ev", PdfLocation(2, "hi")).citation("Work") == "[Work p. 2: “hi”]"
