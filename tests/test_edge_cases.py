"""Valid but unusual input builds, and YAML's typing never rewrites an editor's words."""

from __future__ import annotations

from pathlib import Path

from tests.support.helpers import TREATMENT, replace, visible_text


def all_sources(content: Path) -> list[Path]:
    return sorted(content.rglob("*.md"))


def test_crlf_line_endings_build(content, build, site):
    for path in all_sources(content):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = build(content)
    assert result.returncode == 0, result.log
    assert visible_text(result.html()) == visible_text(site.html())


def test_utf8_byte_order_mark_builds(content, build, site):
    for path in all_sources(content):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = build(content)
    assert result.returncode == 0, result.log
    assert visible_text(result.html()) == visible_text(site.html())


def test_non_ascii_and_emoji_reach_the_page(content, build):
    replace(content / TREATMENT / "faq.md", "How many Botox sessions will I need?",
            "Combien de séances — ¿cuántas? 治疗 💉 will I need?")
    replace(content / TREATMENT / "faq.md", "to maintain results.",
            "to maintain results 😊 (ça va).")
    result = build(content)
    assert result.returncode == 0, result.log
    text = visible_text(result.html())
    assert "Combien de séances — ¿cuántas? 治疗 💉 will I need?" in text
    assert "to maintain results 😊 (ça va)." in text


def test_yaml_1_1_words_and_numbers_stay_as_written(content, build):
    replace(content / TREATMENT / "faq.md", "question: How many Botox sessions will I need?",
            "question: No")
    replace(content / TREATMENT / "faq.md", "answer: The number of Botox treatments",
            "answer: 1.10 The number of Botox treatments")
    replace(content / TREATMENT / "benefits.md", "name: Quick Procedure", "name: Yes")
    replace(content / TREATMENT / "what-is.md", "contents_label: What it is",
            "contents_label: 2026-11-27")
    result = build(content)
    assert result.returncode == 0, result.log
    html = result.html()
    assert '<summary class="faq__question">No</summary>' in html
    assert "<p>1.10 The number of Botox treatments" in html
    assert '<strong class="list__name">Yes:</strong>' in html
    assert ">2026-11-27</a>" in html


def test_a_boolean_field_refuses_a_quoted_word(content, build):
    replace(content / TREATMENT / "safety.md", "editorial: true", 'editorial: "true"')
    result = build(content)
    assert result.returncode == 1
    assert "editorial: must be true or false" in result.stderr


def test_raw_html_in_markdown_is_shown_as_text_not_injected(content, build):
    replace(content / TREATMENT / "what-is.md", "reducing associated pain and discomfort.",
            "reducing associated pain and discomfort. <script>alert(1)</script><b onclick=x>b</b>")
    result = build(content)
    assert result.returncode == 0, result.log
    html = result.html()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onclick" not in html.replace("&lt;b onclick=x&gt;", "")


def test_quoted_escapes_cannot_smuggle_control_characters(content, build):
    replace(content / TREATMENT / "faq.md", "question: How many Botox sessions will I need?",
            'question: "How many\\x07 sessions?"')
    result = build(content)
    assert result.returncode == 1
    assert "faq[3].question: contains an invisible control character (U+0007)" in result.stderr


def test_quoted_carriage_returns_become_line_breaks(content, build):
    replace(content / TREATMENT / "faq.md", "question: How many Botox sessions will I need?",
            'question: "How many\\r\\nBotox sessions will I need?"')
    result = build(content)
    assert result.returncode == 0, result.log
    assert "How many\nBotox sessions will I need?</summary>" in result.html()


def test_a_trailing_comment_after_a_number_is_fine(content, build):
    replace(content / TREATMENT / "what-is.md", "position: 10", "position: 10  # first section")
    assert build(content).returncode == 0


def test_quoted_text_may_hold_hash_bang_and_ampersand(content, build):
    replace(content / TREATMENT / "faq.md", "question: How many Botox sessions will I need?",
            "question: \"!Really? & #1 — how many sessions?\"")
    result = build(content)
    assert result.returncode == 0, result.log
    assert "!Really? &amp; #1 — how many sessions?</summary>" in result.html()


def test_an_email_autolink_in_markdown_is_allowed(content, build):
    replace(content / TREATMENT / "what-is.md", "reducing associated pain and discomfort.",
            "reducing associated pain and discomfort. Write to <info@clinic.example>.")
    result = build(content)
    assert result.returncode == 0, result.log
    assert '<a href="mailto:info@clinic.example">info@clinic.example</a>' in result.html()


def test_accented_file_names_keep_their_letters_in_the_anchor(content, build):
    (content / TREATMENT / "thérapie.md").write_text("---\ntitle: T\nposition: 66\n---\nText.\n",
                                                  encoding="utf-8")
    result = build(content)
    assert result.returncode == 0, result.log
    assert 'id="therapie"' in result.html()
