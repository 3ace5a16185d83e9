"""The front-matter schema: the one definition of every field an editor may write.

It drives validation (`frontmatter.py`), the error messages editors see, the field
reference in `docs/editing.md` (`site_tools/docs.py` writes it), the `invoke new-treatment`
scaffold (`site_tools/scaffold.py`), the CMS's forms (`site_tools/cms.py`) and, through the
validated content, the page and its JSON-LD.

Guidance for editors lives here, in `help`, never in YAML comments in the content files:
the CMS rewrites a file without its comments, and shows each `help` as the field's hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "text", "markdown", "integer", "boolean", "date", "url", "email", "phone",
    "choice", "slug", "language", "record", "list",
]

# What each kind means, in an editor's words (used by error messages and the docs).
KIND_HELP: dict[str, str] = {
    "text": "plain text",
    "markdown": "text with Markdown (paragraphs, lists, links, **bold**, *italic*)",
    "integer": "a whole number",
    "boolean": "`true` or `false`",
    "date": "a date written YYYY-MM-DD",
    "url": "a full web address starting with https://",
    "email": "an email address",
    "phone": "a phone number (digits, spaces, +, -, brackets)",
    "choice": "one of a fixed set of words",
    "slug": "lower-case letters, digits and hyphens",
    "language": "a language tag such as `en` or `en-GB`",
    "record": "a group of indented fields",
    "list": "a list; each item starts with `- `",
}


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, kind, whether it is required, and its documentation."""

    name: str
    kind: Kind
    help: str
    example: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()  # what a form shows for each choice, in the same order
    fields: tuple[Field, ...] = ()  # for "record", and for "list" items (each a record)
    unique: str = ""  # for "list": an item field whose values must not repeat
    default: object = None


REFERENCE_FIELDS = (
    Field("title", "text", "Title of the source.", "BOTOX Prescribing Information", required=True),
    Field("url", "url", "Address of the source.", "https://dailymed.nlm.nih.gov/…", required=True),
    Field("publisher", "text", "Who publishes it.", "U.S. Food and Drug Administration",
          required=True),
)

PRACTICE_FIELDS = (
    Field("name", "text", "The practice's name, shown in the header and footer.",
          "Example Pain Clinic", required=True),
    Field("clinician", "text", "The treating clinician's name.", "Dr Alex Example", required=True),
    Field("credentials", "text", "The clinician's qualifications.", "MD, Pain Medicine",
          required=True),
    Field("phone", "phone", "Phone number for bookings.", "+1 202-555-0142", required=True),
    Field("email", "email", "Email address for enquiries.", "appointments@example.com",
          required=True),
    Field("booking_url", "url", "Online booking page.", "https://example.com/book",
          required=True),
    Field("address", "text", "Postal address, one line.", "1 Example Street, Springfield",
          required=True),
    Field("placeholder", "boolean",
          "`true` while these are made-up example details (555-01xx numbers and example.com "
          "addresses are reserved for fiction). Replace every field with the real details, then "
          "set it to `false`: publishing refuses placeholder details.", "true", default=False),
)

REVIEWER_FIELDS = (
    Field("name", "text", "Reviewer's name.", "Dr Alex Example", required=True),
    Field("credentials", "text", "Reviewer's qualifications.", "MD", required=True),
    Field("placeholder", "boolean", "`true` while the reviewer is a made-up example. Replace "
          "the name and credentials with the real clinician's, then set it to `false`.", "true",
          default=False),
)

DRUG_FIELDS = (
    Field("generic_name", "text", "The medicine's non-proprietary (generic) name.",
          "onabotulinumtoxinA", required=True),
    Field("brand_name", "text", "The brand name patients know.", "Botox", required=True),
    Field("prescription_only", "boolean", "`true` if it is available only on prescription.",
          "true", default=False),
)

PAGE_FIELDS = (
    Field("title", "text", "The page heading (h1) and browser tab title.", "Therapeutic Botox",
          required=True),
    Field("subtitle", "text", "The line under the heading.",
          "A Targeted Approach to Reducing Pain and Tension"),
    Field("description", "text",
          "One or two sentences for search results and link previews (about 150 characters).",
          "How therapeutic Botox relieves pain and muscle tension…", required=True),
    Field("slug", "slug", "The page's web address: example.com/SLUG/.", "therapeutic-botox",
          required=True),
    Field("lang", "language", "Language of the page.", "en", default="en"),
    Field("reviewed_by", "record", "Who checked the page's medical content.", required=True,
          fields=REVIEWER_FIELDS),
    Field("drug", "record", "The medicine the treatment uses (for search engines' structured "
          "data).", fields=DRUG_FIELDS),
    Field("last_reviewed", "date", "When the page was last reviewed.", "2026-11-27",
          required=True),
    Field("next_review_due", "date", "When the page must be reviewed again.", "2027-11-27",
          required=True),
)

INDICATION_FIELDS = (
    Field("name", "text", "The condition.", "Chronic Migraines", required=True),
    Field("description", "text", "What the treatment does for it.",
          "Botox is FDA-approved for the prevention of chronic migraines…", required=True),
    Field("approval", "choice", "Whether this use is FDA-approved or off-label, as the FDA "
          "prescribing information (the medicine's label) says.", "fda-approved",
          required=True, choices=("fda-approved", "off-label"),
          choice_labels=("FDA-approved", "Off-label")),
    Field("approval_note", "text", "Where the approval is narrower than the description "
          "(which patients, since when), from the same prescribing information.",
          "Approved in 2010 for adults with headaches on 15 or more days a month."),
)

STEP_FIELDS = (
    Field("name", "text", "Short name of the step.", "Initial Consultation", required=True),
    Field("text", "text", "What happens.", "Your doctor will assess your medical history…",
          required=True),
)

BENEFIT_FIELDS = (
    Field("name", "text", "Short name of the benefit.", "Effective Pain Relief", required=True),
    Field("text", "text", "The benefit in a sentence or two.", "Botox can provide…",
          required=True),
)

FAQ_FIELDS = (
    Field("question", "text", "The question, as a patient would ask it.",
          "How many Botox sessions will I need?", required=True),
    Field("answer", "markdown", "The answer: paragraphs, lists, links, bold, italic and "
          "headings (no images, tables or code).",
          "The number of Botox treatments depends on…", required=True),
)

ACK_FIELDS = (
    Field("rule", "text", "The id of the lint rule, as `invoke check` prints it.",
          "claims.drug-free", required=True),
    Field("reason", "text", "Why this finding is right as written, and who decided.",
          "Kept by Dr Example on 2026-11-27, meaning no daily tablets", required=True),
)

SECTION_FIELDS = (
    Field("title", "text", "The section heading (h2).", "What Is Therapeutic Botox?",
          required=True),
    Field("position", "integer",
          "Order on the page: lower numbers come first. No two sections may share one.", "10",
          required=True),
    Field("contents_label", "text", "A shorter name for the 'On this page' list.",
          "What it is"),
    Field("editorial", "boolean",
          "`true` if this section was written by the site's editors, not taken from the "
          "clinician's text (such as a plain-words summary of the FDA's boxed warning).", "false",
          default=False),
    Field("call_to_action", "boolean",
          "`true` to show the practice's phone, email and booking links after the text.",
          "false", default=False),
    Field("indications", "list", "Conditions treated.", fields=INDICATION_FIELDS,
          unique="name", default=()),
    Field("steps", "list", "Numbered steps of the procedure.", fields=STEP_FIELDS,
          unique="name", default=()),
    Field("benefits", "list", "Benefits of the treatment.", fields=BENEFIT_FIELDS,
          unique="name", default=()),
    Field("faq", "list", "Questions and answers, shown as expandable items.",
          fields=FAQ_FIELDS, unique="question", default=()),
    Field("references", "list", "Sources for the section's facts, listed under it.",
          fields=REFERENCE_FIELDS, default=()),
    Field("lint_ack", "list",
          "Acknowledges a warning from `invoke check` that the clinician has decided to keep "
          "(see 'Acknowledging a finding').", fields=ACK_FIELDS, unique="rule", default=()),
)

# What each kind of file is for, shown above its form in the CMS and in docs/editing.md.
PRACTICE_HELP = ("The practice's details, shown in the header, the contact section and the "
                 "footer of every page.")
PAGE_HELP = "Page-level details of one treatment page: its heading, address and review."
SECTION_HELP = ("One section of the page: a heading, text, and at most one list. Delete the "
                "section's file to remove the section.")

# At most one of these lists may appear in one section: each renders its own component.
SECTION_LISTS = ("indications", "steps", "benefits", "faq")
