"""Minutes as documents, in the order of a Thai official report of a meeting (รายงานการประชุม,
ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): heading, number, date and place, who attended and
who did not, the opening time, the agenda with its resolutions, the action items, the closing
time, and who recorded and who checked the minutes. One outline of blocks is written as a PDF
that sets Thai properly (WeasyPrint shapes text with HarfBuzz, in Laksaman, the TLWG form of
TH Sarabun New), and as a DOCX or an ODT staff can edit."""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from divisions.core.thai import format_date

from .models import ActionItem, Attendance, Meeting
from .selectors import agenda_outline

DOCUMENT_FONT = "TH Sarabun New"  # the government's document font; editors substitute if absent


@dataclass(frozen=True)
class Block:
    """A paragraph of the minutes. kind: letterhead, notice, title, centre, heading, text,
    agenda (an agenda item's own line), signature (right of the page)."""

    kind: str
    text: str
    indent: int = 0


def _time(value: datetime, language: str) -> str:
    local = timezone.localtime(value)
    return f"{local:%H.%M} น." if language == "th" else f"{local:%H:%M}"


def _meeting_date(value: datetime, language: str) -> str:
    if language == "th":
        from pythainlp.util import thai_strftime

        return thai_strftime(timezone.localtime(value), "เมื่อ%Aที่ %-d %B %Y")
    return f"on {timezone.localtime(value):%A %-d %B %Y}"


def _place(meeting: Meeting) -> str:
    online = gettext("by electronic means")
    if meeting.mode == Meeting.Mode.ONLINE or not meeting.place:
        return online if meeting.mode != Meeting.Mode.ON_SITE else ""
    if meeting.mode == Meeting.Mode.HYBRID:
        return gettext("at %(place)s and %(online)s") % {"place": meeting.place, "online": online}
    return gettext("at %(place)s") % {"place": meeting.place}


def _attendee(row: Attendance, people: bool) -> str:
    """Who attended; people by name (contacts are staff records) only for those who may read
    them: the public reads agencies, as on the meeting's page."""
    if not people:
        if row.represented_by:
            return gettext("%(agency)s (represented)") % {"agency": row.agency}
        return str(row.agency)
    person = " ".join(filter(None, [row.contact.name, row.contact.position])) if row.contact else ""
    who = f"{person} {row.agency}" if person else str(row.agency)
    if row.represented_by:
        return gettext("%(name)s, for %(whom)s") % {"name": row.represented_by, "whom": who}
    return who


def _action(action: ActionItem, language: str, people: bool) -> str:
    owner = str(action.owner_agency)
    if people and action.owner_contact:
        owner = f"{action.owner_contact.name} ({owner})"
    return gettext("%(what)s. Responsible: %(owner)s. Due: %(due)s (%(status)s)") % {
        "what": action.description.rstrip("."),
        "owner": owner,
        "due": format_date(action.due_date, language, "long"),
        "status": action.get_status_display(),
    }


def _signature(role: str, name: str) -> Block:
    """Signature, name and role, one under the other as Thai official documents sign."""
    signed = pgettext("signature", "Signed")
    name = f"({name})" if name else "(" + "." * 36 + ")"
    return Block("signature", "\n".join([f"{signed} " + "." * 36, name, role]))


def minutes_outline(*, meeting: Meeting, language: str, user=None) -> list[Block]:
    """The minutes as blocks, in the official order, in `language`."""
    people = bool(user and user.has_perm("coordination.view_contact"))
    with translation.override(language):
        contact = settings.PORTAL_CONTACT
        blocks = [Block("letterhead", contact[f"address_{language}"])]
        if meeting.minutes_status != Meeting.MinutesStatus.ADOPTED:
            blocks.append(Block("notice", gettext("Draft: not yet adopted")))
        blocks += [
            Block("title", gettext("Minutes of the %(series)s") % {"series": meeting.series}),
            Block("centre", meeting.number_label),
            Block("centre", meeting.title),
            Block("centre", _meeting_date(meeting.starts_at, language)),
        ]
        if place := _place(meeting):
            blocks.append(Block("centre", place))
        # In the order they were entered: minutes list people by precedence, chair first.
        rows = sorted(meeting.attendance.all(), key=lambda row: row.pk)
        groups = (
            (
                pgettext("minutes", "Present"),
                {Attendance.Status.ATTENDED, Attendance.Status.REPRESENTED},
            ),
            (pgettext("minutes", "Absent"), {Attendance.Status.ABSENT}),
            (pgettext("minutes", "Invited (attendance not recorded)"), {Attendance.Status.INVITED}),
        )
        for heading, statuses in groups:
            names = [_attendee(row, people) for row in rows if row.status in statuses]
            if names:
                blocks.append(Block("heading", heading))
                blocks += [Block("text", f"{n}. {name}", 1) for n, name in enumerate(names, 1)]
        blocks.append(
            Block("text", gettext("The meeting opened at %(time)s")
                  % {"time": _time(meeting.starts_at, language)})
        )  # fmt: skip
        for item, depth in agenda_outline(meeting=meeting, user=user):
            label = (
                gettext("Agenda item %(number)s %(title)s")
                if depth == 0
                else "%(number)s %(title)s"
            ) % {"number": item.number, "title": item.title}
            blocks.append(Block("agenda", label, depth))
            if item.decision:
                blocks.append(
                    Block("text", gettext("Resolution: %(decision)s")
                          % {"decision": item.decision}, depth + 1)
                )  # fmt: skip
        if meeting.minutes:
            blocks.append(Block("heading", gettext("Proceedings")))
            blocks += [Block("text", part.strip()) for part in meeting.minutes.split("\n\n")]
        actions = list(meeting.actions.all())
        if actions:
            blocks.append(Block("heading", pgettext("minutes", "Action items")))
            blocks += [
                Block("text", f"{n}. {_action(action, language, people)}", 1)
                for n, action in enumerate(actions, 1)
            ]
        blocks.append(
            Block("text", gettext("The meeting closed at %(time)s")
                  % {"time": _time(meeting.ends_at, language)})
        )  # fmt: skip
        blocks.append(_signature(gettext("Recorded the minutes"), meeting.recorded_by))
        blocks.append(_signature(gettext("Checked the minutes"), meeting.checked_by))
    return blocks


def _emblem_file() -> str | None:
    emblem = settings.PORTAL_EMBLEM
    path = finders.find(emblem) if not emblem.startswith("/") else None
    return Path(path).as_uri() if path else None


def minutes_pdf(*, meeting: Meeting, language: str, user=None) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    blocks = minutes_outline(meeting=meeting, language=language, user=user)
    html = render_to_string(
        "coordination/minutes_print.html",
        {"blocks": blocks, "emblem": _emblem_file(), "language": language,
         "title": f"{meeting.series} {meeting.number_label}"},
    )  # fmt: skip
    return HTML(string=html).write_pdf()


def minutes_docx(*, meeting: Meeting, language: str, user=None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = DOCUMENT_FONT
    style.font.size = Pt(16)
    # Word picks the complex-script font and size for Thai from their own attributes.
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs", DOCUMENT_FONT
    )
    aligned = {"letterhead": WD_ALIGN_PARAGRAPH.CENTER, "notice": WD_ALIGN_PARAGRAPH.CENTER,
               "title": WD_ALIGN_PARAGRAPH.CENTER, "centre": WD_ALIGN_PARAGRAPH.CENTER,
               "signature": WD_ALIGN_PARAGRAPH.RIGHT}  # fmt: skip
    for block in minutes_outline(meeting=meeting, language=language, user=user):
        if block.kind == "title":
            paragraph = document.add_heading(block.text, level=1)
        elif block.kind == "heading":
            paragraph = document.add_heading(block.text, level=2)
        else:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = block.kind in ("agenda", "notice")
            if block.kind == "letterhead":
                run.font.size = Pt(14)
        paragraph.alignment = aligned.get(block.kind)
        paragraph.paragraph_format.left_indent = Cm(block.indent)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_odt(*, meeting: Meeting, language: str, user=None) -> bytes:
    """The minutes as OpenDocument text (LibreOffice), Thai set as complex script."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    document = OpenDocumentText()
    font = {"fontfamily": DOCUMENT_FONT, "fontfamilycomplex": DOCUMENT_FONT,
            "languagecomplex": "th", "countrycomplex": "TH"}  # fmt: skip
    looks = {  # kind: (size, bold, alignment)
        "letterhead": ("14pt", True, "center"), "notice": ("16pt", True, "center"),
        "title": ("20pt", True, "center"), "centre": ("16pt", False, "center"),
        "heading": ("16pt", True, "start"), "text": ("16pt", False, "start"),
        "agenda": ("16pt", True, "start"), "signature": ("16pt", False, "end"),
    }  # fmt: skip
    styles = {}
    for kind, (size, bold, align) in looks.items():
        for depth in range(6):
            style = Style(name=f"minutes-{kind}-{depth}", family="paragraph")
            weight = {"fontweight": "bold", "fontweightcomplex": "bold"} if bold else {}
            style.addElement(TextProperties(fontsize=size, fontsizecomplex=size, **font, **weight))
            style.addElement(ParagraphProperties(textalign=align, marginleft=f"{depth}cm"))
            document.styles.addElement(style)  # named styles an editor can change
            styles[kind, depth] = style
    for block in minutes_outline(meeting=meeting, language=language, user=user):
        style = styles[block.kind, min(block.indent, 5)]
        for line in block.text.split("\n"):
            if block.kind in ("title", "heading"):
                level = 1 if block.kind == "title" else 2
                document.text.addElement(H(outlinelevel=level, stylename=style, text=line))
            else:
                document.text.addElement(P(stylename=style, text=line))
    buffer = BytesIO()
    document.write(buffer)
    return buffer.getvalue()


MINUTES_FORMATS = {
    "pdf": (minutes_pdf, "application/pdf"),
    "docx": (
        minutes_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (minutes_odt, "application/vnd.oasis.opendocument.text"),
}
