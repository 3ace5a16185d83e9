"""axe-core finds no WCAG 2.2 AA problem, nor an AAA one, at any viewport, in light or dark.

The runner and its rules are site_tools/verify/axe.py, which the content gate runs on content/.
"""

from __future__ import annotations

import pytest

from site_tools.verify.axe import AXE_OPTIONS, SCHEMES, VIEWPORTS, audit, load_axe, violations
from tests.support.tools import needs_tools

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe():
    with needs_tools():
        return load_axe()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["", "404.html"], ids=["home", "404"])
def test_no_wcag_violations(open_page, axe, path, viewport, scheme):
    page = open_page(path, color_scheme=scheme, **VIEWPORTS[viewport])
    reports = audit(axe, page)
    assert not reports, "\n".join(reports)


# The clinic site's page types: the index (its home page), a treatment page with "Other
# treatments", and its 404 page, which links the index.
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["", "fixture-treatment/", "404.html"],
                         ids=["index", "treatment", "404"])
def test_no_wcag_violations_on_a_clinic_site(open_clinic_page, axe, path, viewport, scheme):
    page = open_clinic_page(path, color_scheme=scheme, **VIEWPORTS[viewport])
    reports = audit(axe, page)
    assert not reports, "\n".join(reports)


def test_axe_reports_a_contrast_failure(open_page, axe):
    """The harness does report violations: grey on white text must fail colour contrast."""
    page = open_page("", viewport={"width": 1280, "height": 800})
    page.evaluate("document.querySelector('main p').style.color = '#bbbbbb'")
    count, report = violations(axe, page)
    assert count > 0 and "color-contrast" in report


def test_axe_holds_text_to_aaa_contrast(open_page, axe):
    """A colour that passes AA (4.5:1) but not AAA (7:1) is reported: the AAA rules really run.

    #005eb8 on white, the theme's link colour before issue 13, is 6.4:1.
    """
    page = open_page("", viewport={"width": 1280, "height": 800})
    page.evaluate("document.querySelector('main p').style.color = '#005eb8'")
    results = axe.run(page, options=AXE_OPTIONS)
    rules = {violation["id"] for violation in results.response["violations"]}
    assert rules == {"color-contrast-enhanced"}
