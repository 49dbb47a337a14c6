"""Minutes as documents: a PDF that sets Thai properly (WeasyPrint shapes text with HarfBuzz,
in Laksaman, the TLWG form of TH Sarabun New) and a DOCX staff can edit."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.shared import Pt

from .models import Meeting

DOCX_FONT = "TH Sarabun New"  # the government's document font; Word substitutes if absent


def minutes_pdf(*, meeting: Meeting, language: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    with translation.override(language):
        html = render_to_string("coordination/minutes_print.html", {"meeting": meeting})
    return HTML(string=html).write_pdf()


def minutes_docx(*, meeting: Meeting, language: str) -> bytes:
    with translation.override(language):
        document = Document()
        style = document.styles["Normal"]
        style.font.name = DOCX_FONT
        style.font.size = Pt(16)
        document.add_heading(f"{meeting.series} {meeting.number_label}", level=1)
        document.add_paragraph(meeting.title)
        document.add_paragraph(
            f"{translation.gettext('When')}: "
            + meeting.starts_at.astimezone().strftime("%Y-%m-%d %H:%M")
            + (f" · {meeting.place}" if meeting.place else "")
        )
        if meeting.attendance.exists():
            document.add_heading(translation.gettext("Attendance"), level=2)
            for row in meeting.attendance.select_related("agency"):
                document.add_paragraph(f"{row.agency}: {row.get_status_display()}", "List Bullet")
        document.add_heading(translation.gettext("Agenda and decisions"), level=2)
        for item in meeting.agenda.all():
            document.add_paragraph(f"{item.number} {item.title}", "List Number")
            if item.decision:
                document.add_paragraph(f"{translation.gettext('Decision')}: {item.decision}")
        if meeting.minutes:
            document.add_heading(translation.gettext("Minutes"), level=2)
            for paragraph in meeting.minutes.split("\n\n"):
                document.add_paragraph(paragraph)
        buffer = BytesIO()
        document.save(buffer)
    return buffer.getvalue()
