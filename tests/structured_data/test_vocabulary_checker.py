"""The vocabulary checker itself catches what it must, or the graph tests prove nothing."""

from tests.structured_data.vocabulary import vocabulary


def test_accepts_a_valid_node():
    assert vocabulary().problems({"@type": "Question", "name": "Q", "acceptedAnswer": {
        "@type": "Answer", "text": "A"}}) == []


def test_rejects_unknown_and_removed_terms():
    found = vocabulary().problems({"@type": "MedicalCondition", "indication": "x"})
    assert found == ["indication: not a property in schema.org 30.0"]
    assert vocabulary().problems({"@type": "FAQ"}) == ["FAQ: not a class in schema.org 30.0"]


def test_rejects_a_property_outside_its_domain():
    found = vocabulary().problems({"@type": "Drug", "acceptedAnswer": {"@id": "x"}})
    assert len(found) == 1 and "acceptedAnswer: domain" in found[0]


def test_superclasses_count_for_the_domain():
    # lastReviewed belongs to WebPage; MedicalWebPage is a subclass.
    assert vocabulary().problems({"@type": "MedicalWebPage", "lastReviewed": "2026-01-01"}) == []
