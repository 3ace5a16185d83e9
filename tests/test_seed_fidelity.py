"""Every sentence of the clinician's text reaches the page, in the clinician's order."""
from tests.support.helpers import DATA, seed_sentences, visible_text

SEED = (DATA / "therapeutic-botox.txt").read_text(encoding="utf-8")


def test_seed_split_finds_all_sentences():
    sentences = seed_sentences(SEED)
    # The split itself must work, or the fidelity test below would prove nothing.
    assert sentences[0] == "Therapeutic Botox"
    assert "How many Botox sessions will I need?" in sentences
    assert sentences[-1].startswith("Contact Me today to schedule a consultation")
    assert len(sentences) == 52  # counted by hand in the seed


def test_every_seed_sentence_is_visible_on_the_page(site):
    text = visible_text(site.html())
    missing = [s for s in seed_sentences(SEED) if s not in text]
    assert not missing, f"{len(missing)} seed sentences missing, first: {missing[:3]}"


def test_seed_sections_appear_in_seed_order(site):
    text = visible_text(site.html())
    headings = ["A Targeted Approach to Reducing Pain and Tension", "What Is Therapeutic Botox?",
                "How Does Therapeutic Botox Work?", "Indications for Therapeutic Botox",
                "What to Expect During a Therapeutic Botox Procedure",
                "Benefits of Therapeutic Botox", "Is Therapeutic Botox Right for You?",
                "Frequently Asked Questions", "Contact Me to Learn More"]
    assert all(h in SEED for h in headings)
    # Positions of each sentence's last occurrence after the contents list: strictly rising.
    main_start = text.index(headings[1], text.index("On this page") + 1)
    positions = [text.find(s, main_start) for s in seed_sentences(SEED)[2:]]
    assert -1 not in positions
    assert positions == sorted(positions)
