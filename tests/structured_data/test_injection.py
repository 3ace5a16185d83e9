"""Property: whatever an editor types into the FAQ, nothing escapes the JSON-LD or the page.

Each generated question/answer either fails validation with a clear message, or builds to
JSON-LD that parses strictly, holds no raw `<`, decodes to the text as written, and a page
whose DOM holds no element the editor did not ask for.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.structured_data.extract import head_graph
from tests.support.helpers import content_copy, run_pelican

FRAGMENTS = ["</script>", "<!--", "-->", "<script>alert(1)</script>", "<img src=x onerror=y>",
             '"', "'", "\\", "\\u003c", "\u2028", "\u2029", "\x00", "\x07", "\x1b", "\t",
             "😀", "🩺", "**bold**", "[link](javascript:alert(1))", "[ok](https://example.com)",
             "<b>", "&amp;", "&", "#", "- item", "`code`", "{{ 7*7 }}", "{% raw %}", ": ",
             "]]>", "<![CDATA[", "</details>", "<summary>", "\r", "\u00e9", "\ufeff"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)),
                min_size=1, max_size=6).map("".join)


def write_faq(content: Path, question: str, answer: str) -> None:
    """Replace the FAQ with one item, serialised by PyYAML so any text is valid YAML."""
    front = yaml.safe_dump({"title": "Frequently Asked Questions", "position": 70,
                            "faq": [{"question": question, "answer": answer}]},
                           allow_unicode=True, sort_keys=False)
    (content / "therapeutic-botox" / "faq.md").write_text(f"---\n{front}---\n",
                                                          encoding="utf-8", newline="")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=TEXT, answer=TEXT)
@example(question="</script><script>alert(1)</script>", answer="</script>")
@example(question="<!-- <img src=x onerror=y>", answer="<!--\u2028\u2029 & \\ \"")
@example(question="No", answer="[x](javascript:alert(1))")
@example(question="a\rb\r\nc", answer="\x00")
def test_faq_text_is_rejected_or_embedded_safely(question, answer):
    with content_copy() as content:
        write_faq(content, question, answer)
        result = run_pelican(content, content.parent / "output")
        assert "Traceback" not in result.log
        if result.returncode != 0:
            assert "therapeutic-botox/faq.md" in result.stderr, result.log
            assert "Build failed" in result.stderr
            return
        html = result.html()
        raw, document = head_graph(html)
        assert "<" not in raw and ">" not in raw
        questions = [n for n in document["@graph"] if n["@type"] == "Question"]
        assert len(questions) == 1
        as_written = question.replace("\r\n", "\n").replace("\r", "\n").strip()
        assert questions[0]["name"] == as_written
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one("details.faq__item summary").get_text() == as_written
        assert len(soup.find_all("script")) == 1
        answer_box = soup.select_one(".faq__answer")
        allowed = {"p", "a", "ul", "ol", "li", "strong", "em", "br", "h1", "h2", "h3", "h4",
                   "h5", "h6", "b", "i", "div"}
        assert {t.name for t in answer_box.find_all(True)} <= allowed
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        visible_answer = answer_box.get_text()
        graph_answer = BeautifulSoup(questions[0]["acceptedAnswer"]["text"], "html.parser")
        assert graph_answer.get_text() == visible_answer
