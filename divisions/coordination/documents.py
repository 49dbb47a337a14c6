"""Minutes as documents: a PDF that sets Thai properly (WeasyPrint shapes text with HarfBuzz,
in Laksaman, the TLWG form of TH Sarabun New), and a DOCX or an ODT staff can edit, both
written from one outline of the minutes."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from .models import Meeting
from .selectors import agenda_outline

DOCUMENT_FONT = "TH Sarabun New"  # the government's document font; editors substitute if absent


def minutes_pdf(*, meeting: Meeting, language: str, user=None) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    with translation.override(language):
        html = render_to_string(
            "coordination/minutes_print.html",
            {"meeting": meeting, "agenda": agenda_outline(meeting=meeting, user=user)},
        )
    return HTML(string=html).write_pdf()


def _outline(meeting: Meeting, user) -> list[tuple[str, str, int]]:
    """The minutes as blocks (kind, text, indent): h1, h2, p and li."""
    blocks = [
        ("h1", f"{meeting.series} {meeting.number_label}", 0),
        ("p", meeting.title, 0),
        (
            "p",
            f"{gettext('When')}: {meeting.starts_at.astimezone():%Y-%m-%d %H:%M}"
            + (f" · {meeting.place}" if meeting.place else ""),
            0,
        ),
    ]
    attendance = list(meeting.attendance.select_related("agency"))
    if attendance:
        blocks.append(("h2", gettext("Attendance"), 0))
        blocks += [("li", f"{row.agency}: {row.get_status_display()}", 0) for row in attendance]
    blocks.append(("h2", gettext("Agenda and decisions"), 0))
    for item, depth in agenda_outline(meeting=meeting, user=user):
        blocks.append(("p", f"{item.number} {item.title}", depth))
        if item.decision:
            blocks.append(("p", f"{gettext('Decision')}: {item.decision}", depth + 1))
    if meeting.minutes:
        blocks.append(("h2", gettext("Minutes"), 0))
        blocks += [("p", paragraph, 0) for paragraph in meeting.minutes.split("\n\n")]
    return blocks


def minutes_docx(*, meeting: Meeting, language: str, user=None) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    with translation.override(language):
        blocks = _outline(meeting, user)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = DOCUMENT_FONT
    style.font.size = Pt(16)
    for kind, text, indent in blocks:
        if kind in ("h1", "h2"):
            document.add_heading(text, level=int(kind[1]))
        else:
            paragraph = document.add_paragraph(text, "List Bullet" if kind == "li" else None)
            paragraph.paragraph_format.left_indent = Cm(indent)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes_odt(*, meeting: Meeting, language: str, user=None) -> bytes:
    """The minutes as OpenDocument text (LibreOffice), Thai set as complex script."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    with translation.override(language):
        blocks = _outline(meeting, user)
    document = OpenDocumentText()
    font = {"fontfamily": DOCUMENT_FONT, "fontfamilycomplex": DOCUMENT_FONT,
            "languagecomplex": "th", "countrycomplex": "TH"}  # fmt: skip
    styles = {}
    for name, size, bold in (("h1", "20pt", True), ("h2", "18pt", True), ("p", "16pt", False)):
        style = Style(name=f"minutes-{name}", family="paragraph")
        weight = {"fontweight": "bold", "fontweightcomplex": "bold"} if bold else {}
        style.addElement(TextProperties(fontsize=size, fontsizecomplex=size, **font, **weight))
        document.styles.addElement(style)
        styles[name] = style
    for depth in range(1, 6):
        style = Style(
            name=f"minutes-indent-{depth}", family="paragraph", parentstylename="minutes-p"
        )
        style.addElement(ParagraphProperties(marginleft=f"{depth}cm"))
        document.automaticstyles.addElement(style)
        styles[f"indent-{depth}"] = style
    for kind, text, indent in blocks:
        if kind in ("h1", "h2"):
            document.text.addElement(
                H(outlinelevel=int(kind[1]), stylename=styles[kind], text=text)
            )
        else:
            name = f"indent-{min(indent, 5)}" if indent else "p"
            bullet = "• " if kind == "li" else ""
            document.text.addElement(P(stylename=styles[name], text=bullet + text))
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
