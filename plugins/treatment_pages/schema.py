"""The front-matter schema: the one definition of every field an editor may write.

It drives validation (`frontmatter.py`), the error messages editors see, the field
reference in `docs/editing.md` (`site_tools/docs.py` writes it), the `invoke new-treatment`
scaffold (`site_tools/scaffold.py`), the CMS's forms and their "Add …" buttons
(`cms_admin/config.py`), which texts the lint reads (`site_tools/lint/texts.py`), and the page:
a section's lists are rendered by the component each declares, and a field that is not on
the page says so (`shown=False`), which `test_every_value_is_shown` holds every fixture to.

Guidance for editors lives here, in `help`, never in YAML comments in the content files:
the CMS rewrites a file without its comments, and shows each `help` as the field's hint.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

# What the lint reads of a field: "running" text patients read (every check, and the
# readability figures), a "heading" or metadata line (every check but readability), or ""
# for words that are not patients' prose (addresses, choice values, editors' notes).
Prose = Literal["running", "heading", ""]

Kind = Literal[
    "text", "markdown", "integer", "boolean", "date", "url", "email", "phone",
    "choice", "slug", "language", "record", "list", "short_number",
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
    "short_number": "a short number to dial: 2 to 6 digits, such as 911, 999 or 112",
}


@dataclass(frozen=True)
class Choice:
    """One allowed value of a "choice" field and the label patients see for it.

    The value is what editors write and, in the theme, the component's CSS modifier
    (`indications__label--off-label`); the label is the visible text. Keeping both here
    means validation, the page, its styles and docs/editing.md name the same choices.
    """

    value: str
    label: str
    # A choice shown as a link: the practice.md field it leads to (a phone number is dialled).
    link: str = ""


@dataclass(frozen=True)
class Component:
    """How the page shows a section's list, nhsuk-frontend style: the macro
    `render(items, section, practice, modifier)` in theme/templates/components/<name>.html,
    whose BEM classes are named after it (styles: "Component: <name>" in main.css)."""

    name: str
    modifier: str = ""  # a variant, the BEM modifier of its block: "numbered" (list--numbered)
    last: bool = False  # after the call to action, at the very end of the section (sources)


@dataclass(frozen=True)
class Field:
    """One front-matter field: its name, kind, whether it is required, and its documentation."""

    name: str
    kind: Kind
    help: str
    example: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()  # for "choice"
    fields: tuple[Field, ...] = ()  # for "record", and for "list" items (each a record)
    item: Field | None = None  # for a "list" of plain values: what each item is
    unique: str = ""  # for "list": an item field whose values must not repeat
    default: object = None
    # For "choice": (old value, new value, why) of values an older version accepted. An old
    # value is refused with the fix, and read as the new one, so the git history of a page
    # (the history check, `invoke diff`) does not count a rename as a change patients see.
    renamed: tuple[tuple[str, str, str], ...] = ()
    # Words patients read, which a translation file holds (`translations.py`); every other
    # field of a translated page comes from the source.
    words: bool = False
    # A change to it in the source withholds the page's translations until re-translated.
    clinical: bool = False
    prose: Prose = "running"
    # For "list": what one item is called, on the CMS's "Add …" button.
    item_label: str = "item"
    # For a section's list: the theme's component that renders it.
    component: Component | None = None
    # Whether the pages show the field's values: False for one that steers the build, the
    # lint or the report; "index" for practice.md's words of the treatments index, a page a
    # site of one treatment does not have. `test_every_value_is_shown` finds every value of a
    # shown field on the built pages.
    shown: bool | Literal["index"] = True

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def label_of(self, value: str) -> str:
        """The visible label of one of this field's choices (KeyError for any other value)."""
        return self.choice(value).label

    def choice(self, value: str) -> Choice:
        """One of this field's choices (KeyError for any other value)."""
        return {choice.value: choice for choice in self.choices}[value]


@dataclass(frozen=True)
class Regulator:
    """A medicines regulator and the words its patient information uses for an approved and
    an off-label use: the page, the CMS, the lint and the report all take them from here.

    Sources (docs/editing.md, "Approval and the regulator", says which wording is verified).
    """

    name: str  # as `regulator:` in practice.md writes it
    full_name: str
    approved: str  # the label of `approval: approved`
    off_label: str  # the label of `approval: off-label`
    document: str  # what it calls the medicine's official information
    source: str  # where its wording comes from

    def label(self, approval: str) -> str:
        """The visible label of an indication's `approval` value (KeyError for any other)."""
        return {"approved": self.approved, "off-label": self.off_label}[approval]


REGULATORS = (
    Regulator("FDA", "U.S. Food and Drug Administration", "FDA-approved use", "Off-label use",
              "prescribing information",
              "https://www.fda.gov/patients/learn-about-expanded-access-and-other-treatment-"
              "options/understanding-unapproved-use-approved-drugs-label"),
    Regulator("MHRA", "Medicines and Healthcare products Regulatory Agency (UK)",
              "Licensed use", "Off-label (unlicensed) use",
              "Summary of Product Characteristics (SmPC)",
              "https://www.gov.uk/drug-safety-update/off-label-or-unlicensed-use-of-medicines-"
              "prescribers-responsibilities"),
    Regulator("EMA", "European Medicines Agency (EU)", "Authorised use", "Off-label use",
              "Summary of Product Characteristics (SmPC)",
              "https://www.ema.europa.eu/en/about-us/glossary"),
    Regulator("TGA", "Therapeutic Goods Administration (Australia)", "TGA-approved use",
              "Off-label use", "Product Information (PI)",
              "https://www.tga.gov.au/products/unapproved-therapeutic-goods"),
    Regulator("Health Canada", "Health Canada", "Health Canada-authorized use", "Off-label use",
              "Product Monograph",
              "https://www.canada.ca/en/health-canada/services/drugs-health-products/drug-"
              "products/applications-submissions/guidance-documents.html"),
)
REGULATOR_BY_NAME = {regulator.name: regulator for regulator in REGULATORS}

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
    Field("regulator", "choice", "The medicines regulator where the practice is: each "
          "indication's approval is shown in its words (MHRA: 'Licensed use', FDA: "
          "'FDA-approved use').", "FDA", required=True,
          choices=tuple(Choice(r.name, r.full_name) for r in REGULATORS), clinical=True,
          shown=False),
    Field("emergency_number", "short_number",
          "The emergency number patients dial where the practice is (911 in the US, 999 in "
          "the UK, 112 in the EU): the `call-emergency` action of care cards calls it.", "911",
          required=True, clinical=True),
    Field("feedback_url", "url",
          "A page where patients report a problem or say whether a page helped. Without it, "
          "every page ends with an email link to `email`, the page's title and address in "
          "the subject.", "https://example.com/feedback"),
    Field("disclosure", "text",
          "Shown on every page near the review details: who pays for the page, any payment "
          "from the makers of the medicines it discusses, and 'Advertising: none'.",
          "Example Pain Clinic pays for this page. We take no money from the makers of the "
          "medicines it discusses. Advertising: none.", required=True, words=True),
    Field("placeholder", "boolean",
          "`true` while these are made-up example details (555-01xx numbers and example.com "
          "addresses are reserved for fiction). Replace every field with the real details, then "
          "set it to `false`: publishing refuses placeholder details.", "true", default=False),
    Field("home", "slug", "The slug of the treatment whose page is the site's home page (`/`); "
          "the list of all treatments is then at `/treatments/`. Leave it out to make that list "
          "the home page. With one treatment, its page is always the home page.",
          "therapeutic-botox", shown=False),
    Field("languages", "list", "The site's languages, the source language first, as language "
          "tags: `[en, es]`. Each other language is published for a treatment once every one "
          "of its files has a translation beside it (see 'How to add a language'). Leave it "
          "out for a site in one language.", "[en, es]", unique="language", default=(),
          item=Field("language", "language", "A language tag.", "es")),
    Field("title", "text", "Heading (h1) and browser tab title of the treatments index page, "
          "which lists every treatment. Required once the site has two or more treatments.",
          "Treatments at Example Pain Clinic", words=True, prose="heading", shown="index"),
    Field("description", "text", "One or two sentences about the practice's treatments, for "
          "the treatments index page and search results. Required with two or more "
          "treatments.", "Pain treatments by Dr Alex Example: what each involves…", words=True,
          prose="heading", shown="index"),
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
    Field("warning", "text", "The most serious warning in the medicine's official information, "
          "as the risky-claims check should name it.", "a boxed warning, the FDA's most serious"),
)

KEY_FACT_FIELDS = (
    Field("fact", "text",
          "One short sentence for the patient who reads nothing else, written only from what "
          "the page's sections already say (what it treats, how it is given, when results "
          "come and how long they last, how often it is repeated, the main risks)",
          "The effect lasts about 3 to 6 months.", required=True, words=True),
)

ATTESTATION_FIELDS = (
    Field("item", "integer", "The number of the CDC Clear Communication Index item (1 to 20) "
          "that a person checked and found met.", "4", required=True),
    Field("who", "text", "The name of the person who checked it.", "Dr Alex Example",
          required=True),
    Field("when", "date", "The day they checked it. A change to the page's words committed "
          "after this day expires it (`invoke report` says so).", "2026-11-27", required=True),
)

PAGE_FIELDS = (
    Field("title", "text", "The page heading (h1) and browser tab title.", "Therapeutic Botox",
          required=True, words=True, prose="heading"),
    Field("subtitle", "text", "The line under the heading.",
          "A Targeted Approach to Reducing Pain and Tension", words=True, prose="heading"),
    Field("description", "text",
          "One or two sentences for search results and link previews (about 150 characters).",
          "How therapeutic Botox relieves pain and muscle tension…", required=True, words=True,
          prose="heading"),
    Field("key_facts", "list", "Key facts, shown right under the title, before the contents "
          "list: a short list of one-sentence facts the page already states.",
          fields=KEY_FACT_FIELDS, unique="fact", default=(), clinical=True),
    Field("slug", "slug", "The page's web address: example.com/SLUG/.", "therapeutic-botox",
          required=True, prose="", shown=False),
    Field("lang", "language", "Language of the page.", "en", default="en", prose=""),
    Field("previous_slugs", "list", "Addresses this page had before its slug changed: each one "
          "keeps working, sending visitors (and search engines) to the page's address now.",
          "[botox-therapy]", unique="slug", default=(), shown=False,
          item=Field("slug", "slug", "An old slug of this page.", "botox-therapy")),
    Field("reviewed_by", "record", "Who checked the page's medical content.", required=True,
          fields=REVIEWER_FIELDS),
    Field("drug", "record", "The medicine the treatment uses (for search engines' structured "
          "data).", fields=DRUG_FIELDS, shown=False),
    Field("last_reviewed", "date", "When the reviewer last checked the page. A new page has "
          "none until its reviewer sets it: it says 'Not yet reviewed', and publishing refuses "
          "it.", "2026-11-27"),
    Field("next_review_due", "date", "When the page must be reviewed again (set with "
          "last_reviewed).", "2027-11-27"),
    Field("related", "list", "Slugs of up to 5 other treatments to link under 'Other "
          "treatments' at the end of the page. Without it, a site of up to 6 treatments links "
          "all the others; every page also links the list of all treatments.",
          "[nerve-blocks, trigger-point-injections]", unique="slug", default=(),
          item=Field("slug", "slug", "Another treatment's slug.", "nerve-blocks")),
    Field("attestations", "list", "People's judgements of the CDC Clear Communication Index "
          "items the files cannot show (a visual that supports the main message, what experts "
          "know and do not know…), one per item, for the standards report (`invoke report`). "
          "Not shown on the page.", fields=ATTESTATION_FIELDS, unique="item", default=(),
          prose="", shown=False),
)

# Every indication shows its approval as a label, in the words of practice.md's regulator
# (`Regulator.label`); the choices' own labels are the neutral words of the docs.
APPROVAL_FIELD = Field("approval", "choice", "Whether the regulator approved this use (its "
                       "licence or label lists it) or it is off-label, as the medicine's "
                       "official information says. The page shows it in the regulator's words.",
                       "approved", required=True, prose="",
                       choices=(Choice("approved", "the regulator's words: " + ", ".join(
                                    dict.fromkeys(r.approved for r in REGULATORS))),
                                Choice("off-label", "the regulator's words: " + ", ".join(
                                    dict.fromkeys(r.off_label for r in REGULATORS)))),
                       renamed=(("fda-approved", "approved", "approval values no longer name a "
                                 "regulator: the page shows practice.md's regulator's words, "
                                 "e.g. 'FDA-approved use'"),))

INDICATION_FIELDS = (
    Field("name", "text", "The condition.", "Chronic Migraines", required=True, words=True),
    Field("description", "text", "What the treatment does for it.",
          "Botox is approved for the prevention of chronic migraines…", required=True,
          words=True),
    APPROVAL_FIELD,
    Field("approval_note", "text", "Where the approval is narrower than the description "
          "(which patients, since when), from the same prescribing information.",
          "Approved in 2010 for adults with headaches on 15 or more days a month.", words=True),
)

STEP_FIELDS = (
    Field("name", "text", "Short name of the step.", "Initial Consultation", required=True,
          words=True),
    Field("text", "text", "What happens.", "Your doctor will assess your medical history…",
          required=True, words=True),
)

BENEFIT_FIELDS = (
    Field("name", "text", "Short name of the benefit.", "Effective Pain Relief", required=True,
          words=True),
    Field("text", "text", "The benefit in a sentence or two.", "Botox can provide…",
          required=True, words=True),
)

FAQ_FIELDS = (
    Field("question", "text", "The question, as a patient would ask it.",
          "How many Botox sessions will I need?", required=True, words=True),
    Field("answer", "markdown", "The answer: paragraphs, lists, links, bold, italic and "
          "headings starting with ### (no images, tables or code).",
          "The number of Botox treatments depends on…", required=True, words=True),
)

# NHS.UK care cards: the level is shown in colour and words, and screen readers hear the
# label before the heading ("Immediate action required: Call 999 if:").
CARE_LEVEL_FIELD = Field(
    "level", "choice", "How urgent it is: the card's colour and the words before its heading.",
    "immediate", required=True, prose="",
    choices=(Choice("non-urgent", "Non-urgent advice"), Choice("urgent", "Urgent advice"),
             Choice("immediate", "Immediate action required")))

# The action is a link built from practice.md, so no number is written in a section: the
# label's {field} and the link are the practice's fields (filters.care_card_action).
CARE_ACTION_FIELD = Field(
    "action", "choice", "What to do: a link to call or book, from practice.md's details.",
    "call-emergency", required=True, prose="",
    choices=(Choice("call-emergency", "Call {emergency_number} now", link="emergency_number"),
             Choice("call-clinic", "Call the clinic on {phone}", link="phone"),
             Choice("book", "Book an appointment", link="booking_url")))

SYMPTOM_FIELDS = (
    Field("text", "text", "One symptom or situation.",
          "trouble swallowing, speaking or breathing", required=True, words=True),
)

CARE_CARD_FIELDS = (
    CARE_LEVEL_FIELD,
    Field("heading", "text", "What to do, leading into the symptoms and ending with a colon "
          "as NHS cards do, such as Call 999 if:", "Get medical help at once if you have any "
          "of these:",
          required=True, words=True),
    Field("symptoms", "list", "The symptoms or situations, one per item.",
          required=True, fields=SYMPTOM_FIELDS, unique="text", default=()),
    CARE_ACTION_FIELD,
)

ACK_FIELDS = (
    Field("rule", "text", "The id of the lint rule, as `.venv/bin/invoke check` prints it.",
          "claims.drug-free", required=True),
    Field("reason", "text", "Why this finding is right as written, and who decided.",
          "Kept by Dr Example on 2026-11-27, meaning no daily tablets", required=True),
)

SECTION_FIELDS = (
    Field("title", "text", "The section heading (h2).", "What Is Therapeutic Botox?",
          required=True, words=True, prose="heading"),
    Field("position", "integer",
          "Order on the page: lower numbers come first. No two sections may share one.", "10",
          required=True, shown=False),
    Field("contents_label", "text", "A shorter name for the 'On this page' list.",
          "What it is", words=True, prose="heading"),
    Field("editorial", "boolean",
          "`true` if this section was written by the site's editors, not taken from the "
          "clinician's text (such as a plain-words summary of the medicine's most serious "
          "warning).", "false",
          default=False),
    Field("call_to_action", "boolean",
          "`true` to show the practice's phone, email and booking links after the text.",
          "false", default=False),
    Field("care_cards", "list", "When to get help, as NHS care cards (at most 2 on a page), "
          "after the section's text.", fields=CARE_CARD_FIELDS, default=(), clinical=True,
          component=Component("care-cards")),
    Field("indications", "list", "Conditions treated.", fields=INDICATION_FIELDS,
          unique="name", default=(), clinical=True, item_label="indication",
          component=Component("indications")),
    Field("steps", "list", "Numbered steps of the procedure.", fields=STEP_FIELDS,
          unique="name", default=(), item_label="step",
          component=Component("list", modifier="numbered")),
    Field("benefits", "list", "Benefits of the treatment.", fields=BENEFIT_FIELDS,
          unique="name", default=(), item_label="benefit", component=Component("list")),
    Field("faq", "list", "Questions and answers, shown as expandable items.",
          fields=FAQ_FIELDS, unique="question", default=(), item_label="question",
          component=Component("faq")),
    Field("references", "list", "Sources for the section's facts, listed under it.",
          fields=REFERENCE_FIELDS, default=(), prose="", item_label="reference",
          component=Component("references", last=True)),
    Field("lint_ack", "list",
          "Acknowledges a warning from `.venv/bin/invoke check` that the clinician has decided "
          "to keep (see 'Acknowledging a finding').", fields=ACK_FIELDS, unique="rule", default=(),
          prose="", item_label="acknowledgement", shown=False),
)

PERSON_FIELDS = (
    Field("name", "text", "The person's name.", "Dr Ana Ejemplo", required=True),
    Field("credentials", "text", "Their qualifications for this work.",
          "MD; certified medical interpreter (CCHI)", required=True),
)

# The `translation:` block of page.<lang>.md: what MedlinePlus' criteria ask a translated page
# to state (how it was translated, by whom, checked by whom) and what staleness is judged from.
TRANSLATION_FIELDS = (
    Field("source_commit", "text", "The git commit of the source page that was translated "
          "(`invoke new-translation` sets it). Update it after re-translating a changed page.",
          "3f2c1a9", required=True, shown=False),
    Field("method", "choice", "How the page was translated.", "professional", required=True,
          choices=(Choice("professional", "a professional translator"),
                   Choice("bilingual-clinician", "a bilingual clinician"),
                   Choice("machine-then-reviewed",
                          "machine translation, then checked by people"))),
    Field("translated_by", "record", "Who translated it.", required=True, fields=PERSON_FIELDS),
    Field("language_checked_by", "record", "Who checked the language.", required=True,
          fields=PERSON_FIELDS),
    Field("clinical_checked_by", "record", "Who checked that it stays clinically accurate.",
          required=True, fields=PERSON_FIELDS),
    Field("translated_on", "date", "When the translation was finished.", "2026-12-01",
          required=True),
)
TRANSLATION_FIELD = Field("translation", "record", "Who translated and checked this "
                          "translation, and from which commit of the source page.",
                          required=True, fields=TRANSLATION_FIELDS)

# Sections whose every change is clinical: a translation of a changed safety section is
# withheld, whatever the field (file names without `.md`).
CLINICAL_SECTIONS = frozenset({"safety"})


def walk(fields: tuple[Field, ...]) -> Iterator[Field]:
    """Every field of `fields`, and every field inside their records and list items."""
    for spec in fields:
        yield spec
        yield from walk(spec.fields + ((spec.item,) if spec.item else ()))


def words_only(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields a translation file may hold: word fields, and the records and lists that
    contain them (with only their word fields). Optional: `translations.py` decides what
    must be there from the source's values."""
    kept = []
    for spec in fields:
        inner = words_only(spec.fields) if spec.fields else ()
        if spec.words or inner:
            kept.append(replace(spec, required=False, fields=inner, unique="", default=None
                                if spec.kind != "list" else ()))
    return tuple(kept)


# What each kind of file is for, shown above its form in the CMS and in docs/editing.md.
PRACTICE_HELP = ("The practice's details, shown in the header, the contact section and the "
                 "footer of every page.")
PAGE_HELP = "Page-level details of one treatment page: its heading, address and review."
SECTION_HELP = ("One section of the page: a heading, text, and at most one list. Delete the "
                "section's file to remove the section.")

# Addresses the build writes at the site's root besides the treatments, and what each is: no
# treatment may take one as its slug. With what the settings add (`reserved_slugs`), the build
# (loading._assign_urls), the `new-treatment` scaffold and the CMS's slug field all check it.
CMS_FOLDER = "admin"
# HTML ids of the page layout itself: the templates read them from here (a Jinja global,
# LAYOUT_IDS), and no section may take one of them.
LAYOUT_IDS = {"main": "main", "contents_title": "contents-title"}
INDEX_SLUG = "treatments"  # the list of all treatments, when a treatment is the home page
RESERVED_SLUGS: dict[str, str] = {
    CMS_FOLDER: "the CMS (/admin/)",
    INDEX_SLUG: "the list of all treatments",
    "404": "the page-not-found page (404.html)",
    "index": "the home page (index.html)",
    "sitemap": "the sitemap (sitemap.xml)",
    "robots": "the robots file (robots.txt)",
    "theme": "the theme's files",
    "feeds": "Pelican's feeds",
}

# At most one of these lists may appear in one section: each renders its own component.
SECTION_LISTS = ("indications", "steps", "benefits", "faq")
# The section's fields the page shows by a component, in the order the section shows them.
SECTION_COMPONENTS = tuple(spec for spec in SECTION_FIELDS if spec.component)
# The fields whose words are not patients' prose (any file, at any depth), which the lint
# does not read; and the headings and metadata lines the readability figures leave out.
NOT_PROSE = frozenset(spec.name for spec in walk(
    (*PRACTICE_FIELDS, *PAGE_FIELDS, *SECTION_FIELDS, TRANSLATION_FIELD)) if not spec.prose)
HEADINGS = frozenset(spec.name for spec in (*PRACTICE_FIELDS, *PAGE_FIELDS, *SECTION_FIELDS)
                     if spec.prose == "heading")


def static_folders(settings: Mapping[str, Any]) -> list[str]:
    """The top folder of each STATIC_PATHS entry: copied as it is, so no treatment folder
    (for the loader and the CMS) and no treatment's address."""
    return [Path(path).parts[0] for path in settings.get("STATIC_PATHS", []) if Path(path).parts]


def reserved_slugs(settings: Mapping[str, Any]) -> dict[str, str]:
    """Every address the build writes at the site's root, and what it is: RESERVED_SLUGS and
    the static folders (Pelican copies each to the same address), so the build, the scaffold
    and the CMS refuse one list for this site's settings."""
    return {**RESERVED_SLUGS, **{folder: f"the static folder {folder}/"
                                 for folder in static_folders(settings)}}
