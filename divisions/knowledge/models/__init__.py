"""Knowledge management: news, best practices and explainers of the EEC, in Thai and English;
and the public's participation."""

from .items import Item, ItemAttachment, ItemRevision, Topic
from .manuals import ManualDocument, ManualFee, ManualStep, ServiceManual
from .participation import (
    Answer,
    BestPracticeSubmission,
    Choice,
    Comment,
    Consultation,
    ConsultationDocument,
    Participant,
    Question,
    Subscription,
)

__all__ = [
    "Answer",
    "BestPracticeSubmission",
    "Choice",
    "Comment",
    "Consultation",
    "ConsultationDocument",
    "Item",
    "ItemAttachment",
    "ItemRevision",
    "ManualDocument",
    "ManualFee",
    "ManualStep",
    "Participant",
    "Question",
    "ServiceManual",
    "Subscription",
    "Topic",
]
