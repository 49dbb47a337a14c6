"""Public pages of the knowledge section: lists per kind, item pages, feeds."""

from collections.abc import Callable
from datetime import MAXYEAR, MINYEAR
from functools import partial

from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from divisions.core.fragments import public_value
from divisions.core.paging import list_keys_names, list_page, page_number
from divisions.core.provinces import EEC_PROVINCES, Province
from divisions.core.ratelimit import client_address, limited
from divisions.core.thai import to_be_year, to_ce_year
from divisions.core.uploads import file_response

from .forms import CommentForm, InviteForm, ResponseForm, SubmissionForm, SubscriptionForm
from .models import (
    Comment,
    Consultation,
    ConsultationDocument,
    Item,
    ItemAttachment,
    Participant,
    ServiceManual,
    Subscription,
)
from .selectors import (
    attachment_get,
    comment_public_get,
    comment_public_list,
    consultation_document_get,
    consultation_public_get,
    consultation_public_head_get,
    consultation_public_list,
    consultation_questions,
    consultation_results,
    item_filter_choices,
    item_preview_get,
    item_public_get,
    item_public_head_get,
    item_public_list,
    item_related,
    item_related_records,
    item_relations_read,
    item_teaser_list,
    item_teaser_rows,
    manual_parts_read,
    manual_public_get,
    manual_public_list,
    participant_get_by_token,
    subscription_get_by_token,
)
from .services import (
    RateLimited,
    comment_report,
    comment_submit,
    item_content_apply,
    participant_invite,
    response_submit,
    submission_receive,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)

PAGE_SIZE = 12
# URL segment of each kind's list page.
KIND_PATHS = {
    Item.Kind.NEWS: "news",
    Item.Kind.BEST_PRACTICE: "best-practices",
    Item.Kind.EXPLAINER: "explainers",
    Item.Kind.FAQ: "faq",
    Item.Kind.PUBLICATION: "publications",
    Item.Kind.EVENT: "events",
}
KINDS_BY_PATH = {path: kind for kind, path in KIND_PATHS.items()}
# Headings of the list pages.
KIND_PLURALS = {
    Item.Kind.NEWS: _("News"),
    Item.Kind.BEST_PRACTICE: _("Best practices"),
    Item.Kind.EXPLAINER: _("Explainers"),
    Item.Kind.FAQ: _("Questions and answers"),
    Item.Kind.PUBLICATION: _("Publications"),
    Item.Kind.EVENT: _("Events"),
}


def _year_label(ce_year: int) -> int:
    return to_be_year(ce_year) if get_language() == "th" else ce_year


def _year_filter(year: str) -> int:
    """The CE year of a year filter written as the reader sees it (BE on Thai pages)."""
    ce_year = 0
    if year.isdigit() and len(year) == 4:
        ce_year = to_ce_year(int(year)) if get_language() == "th" else int(year)
    if not MINYEAR <= ce_year <= MAXYEAR:
        example = {"year": _year_label(timezone.localdate().year)}
        raise BadRequest(gettext("Write the year as four digits, e.g. %(year)s.") % example)
    return ce_year


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # Read only if the page's body is rendered, not taken from the fragment cache.
    return render(request, "knowledge/index.html", {"latest": SimpleLazyObject(_latest)})


def _latest() -> list[tuple]:
    """The newest items of each kind: (kind, its plural, its path, up to three items)."""
    items = list(item_teaser_list()[:30])
    return [
        (kind, KIND_PLURALS[kind], KIND_PATHS[kind], [i for i in items if i.kind == kind][:3])
        for kind in Item.Kind
    ]


@require_GET
def item_list(request: HttpRequest, kind_path: str) -> HttpResponse:
    kind = KINDS_BY_PATH.get(kind_path)
    if kind is None:
        raise Http404
    topic = request.GET.get("topic", "")
    province = request.GET.get("province", "")
    year = request.GET.get("year", "")
    number = request.GET.get("page")
    start = (page_number(number) - 1) * PAGE_SIZE
    # The count and pages are kept by the filters as asked for: until public content changes,
    # the same values always mean the same filters (a topic that is no choice, no topic).
    asked = {"kind": kind, "topic": topic, "province": province, "year": year}
    # The filter's choices, derived from all public records: kept as fragments are, and
    # read with the count.
    topics, years = public_value(
        request, f"item-list-choices-{kind}", lambda: item_filter_choices(kind=kind),
        also=list_keys_names("items", asked, start, start + PAGE_SIZE),
    )  # fmt: skip
    filters = {
        "kind": kind,
        "topic": topic if topic in dict(topics) else "",
        "province": province if province in Province.values else "",
    }
    # The year in the address is the one the reader sees: BE on Thai pages, CE in English.
    if year:
        filters["year"] = _year_filter(year)
    items = item_public_list(filters=filters).select_related(None).prefetch_related(None)
    page = list_page(
        request, "items", items, asked, number, PAGE_SIZE,
        rows=partial(item_teaser_rows, topics=True, bodies=kind == Item.Kind.FAQ, covers=True),
    )  # fmt: skip
    context = {
        "kind": kind,
        "kind_label": KIND_PLURALS[kind],
        "kind_path": kind_path,
        "page": page,
        "topics": topics,
        "provinces": [(code, Province(code).label) for code in EEC_PROVINCES],
        "years": [_year_label(y) for y in years],
        "selected": {"topic": filters["topic"], "province": filters["province"], "year": year},
    }
    return render(request, "knowledge/item_list.html", context)


@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = public_value(request, f"item-head:{pk}", lambda: item_public_head_get(pk=pk))
    except Item.DoesNotExist as error:
        raise Http404 from error
    return _render_item(request, item, whole=lambda: item_public_get(pk=pk))


@never_cache
@require_GET
def item_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The page as the public will see it, for staff, whatever the item's status."""
    if not (request.user.is_staff and request.user.has_perm("knowledge.view_item")):
        raise Http404
    try:
        item = item_preview_get(pk=pk)
    except Item.DoesNotExist as error:
        raise Http404 from error
    if item.draft_revision_id:  # the changes waiting for approval, as they would read
        item_content_apply(item=item, content=item.draft_revision.content)
    response = _render_item(request, item, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_item(
    request: HttpRequest,
    item: Item,
    preview: bool = False,
    form: CommentForm | None = None,
    status: int = 200,
    whole: Callable[[], Item] | None = None,
) -> HttpResponse:
    """The item's page; `item` may hold its head only, `whole()` reading the rest."""
    commentable = item.kind in Comment.COMMENTABLE_KINDS
    # Read only if the page's body is rendered, not taken from the fragment cache.
    read = SimpleLazyObject(lambda: item_relations_read(whole() if whole else item))
    context = {
        "preview": preview,
        "commentable": commentable,
        # Read only if the comments are rendered, not taken from the fragment cache.
        "comments": SimpleLazyObject(lambda: list(comment_public_list(item=item))),
        "comment_form": form or CommentForm(),
        "comment_state": request.GET.get("comment", ""),
        "item": item,
        "item_relations": read,
        "kind_path": KIND_PATHS[item.kind],
        # Read only if those parts of the page are rendered, not taken from the fragment cache.
        "related": SimpleLazyObject(lambda: item_related(item=read)),
        "related_records": SimpleLazyObject(
            lambda: item_related_records(item=read, user=request.user)
        ),
        "item_json_ld": {
            "@context": "https://schema.org",
            "@type": "NewsArticle" if item.kind == Item.Kind.NEWS else "Article",
            "headline": item.title,
            "description": item.summary,
            "datePublished": item.published_at,
            "dateModified": item.updated_at,
            "inLanguage": get_language(),
            "url": request.build_absolute_uri(),
            "publisher": {
                "@type": "GovernmentOrganization",
                "name": gettext("EEC Support Division"),
            },
        },
    }
    return render(request, "knowledge/item_detail.html", context, status=status)


# Anonymous forms without a session: no CSRF cookie, so item pages stay cacheable. A forged
# cross-site post could do no more than a direct one; the honeypot and rate limit guard both.
@csrf_exempt
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = item_public_get(pk=pk)
    except Item.DoesNotExist as error:
        raise Http404 from error
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_item(request, item, form=form, status=400)
    if not form.is_bot():
        try:
            comment_submit(
                item=item,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                language=get_language(),
                address=client_address(request),
            )
        except RateLimited:
            form.add_error(None, gettext("Too many comments from your address. Try again later."))
            return _render_item(request, item, form=form, status=429)
        except ValidationError as error:
            form.add_error(None, error)
            return _render_item(request, item, form=form, status=400)
    return redirect(f"{item.get_absolute_url()}?comment=pending#comments")


@csrf_exempt
@require_POST
def comment_report_create(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        comment = comment_public_get(pk=pk)
    except Comment.DoesNotExist as error:
        raise Http404 from error
    try:
        comment_report(comment=comment, address=client_address(request))
    except RateLimited:
        return HttpResponse(gettext("Too many reports from your address."), status=429)
    return redirect(f"{comment.item.get_absolute_url()}?comment=reported#comments")


def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription_request(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                language=get_language(),
                address=client_address(request),
            )
        except RateLimited:
            form.add_error(None, gettext("Too many requests from your address. Try again later."))
        else:
            # The same answer whether or not the address was known: nothing to learn from it.
            return render(request, "knowledge/subscribe_sent.html")
    status = 400 if form.errors else 200
    return render(request, "knowledge/subscribe.html", {"form": form}, status=status)


def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing."""
    subscription = _subscription_or_404(token)
    if request.method == "POST":
        subscription_confirm(subscription=subscription)
        return render(request, "knowledge/subscribe_done.html", {"action": "confirmed"})
    return render(request, "knowledge/subscribe_confirm.html", {"action": "confirm"})


@csrf_exempt  # RFC 8058 one-click unsubscribe posts from the mail client, without a cookie
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription_or_404(token)
    if request.method == "POST":
        subscription_cancel(subscription=subscription)
        return render(request, "knowledge/subscribe_done.html", {"action": "cancelled"})
    return render(request, "knowledge/subscribe_confirm.html", {"action": "cancel"})


def _subscription_or_404(token: str) -> Subscription:
    try:
        return subscription_get_by_token(token=token)
    except Subscription.DoesNotExist as error:
        raise Http404 from error


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    consultations = list(consultation_public_list())
    context = {
        "open": [c for c in consultations if c.is_open(now)],
        "upcoming": [c for c in consultations if c.opens_at > now],
        "closed": [c for c in consultations if c.closes_at <= now],
    }
    return render(request, "knowledge/consultation_list.html", context)


ANSWERED_COOKIE = "consultations-answered"
ANSWERED_COOKIE_AGE = 366 * 24 * 3600


def _answered_consultations(request: HttpRequest) -> set[int]:
    value = request.get_signed_cookie(ANSWERED_COOKIE, default="", salt=ANSWERED_COOKIE)
    return {int(pk) for pk in value.split(",") if pk.isdigit()}


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        consultation = public_value(
            request, f"consultation-head:{pk}", lambda: consultation_public_head_get(pk=pk)
        )
    except Consultation.DoesNotExist as error:
        raise Http404 from error
    # Read only if the page's body is rendered, not taken from the fragment cache.
    whole = SimpleLazyObject(lambda: consultation_public_get(pk=pk))
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant_invite(
                consultation=consultation_public_get(pk=pk),
                email=form.cleaned_data["email"],
                language=get_language(),
                address=client_address(request),
            )
        except RateLimited:
            form.add_error(None, gettext("Too many requests from your address. Try again later."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "knowledge/consultation_invited.html", {"c": consultation})
    context = {
        "c": consultation,
        "c_whole": whole,
        "is_open": consultation.is_open(timezone.now()),
        "answered": consultation.pk in _answered_consultations(request),
        "questions": SimpleLazyObject(lambda: consultation_questions(consultation=consultation)),
        "form": form,
    }
    response = render(
        request, "knowledge/consultation_detail.html", context, status=400 if form.errors else 200
    )
    if context["answered"]:  # this reader's page: never kept for others
        patch_cache_control(response, private=True)
    return response


def consultation_respond(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participant = participant_get_by_token(token=token)
    except Participant.DoesNotExist as error:
        raise Http404 from error
    consultation = participant.consultation
    form = ResponseForm(
        request.POST or None, questions=consultation_questions(consultation=consultation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(participant=participant, answers=form.answers())
        except ValidationError as error:
            for key, messages in getattr(error, "message_dict", {"": error.messages}).items():
                form.add_error(f"q{key}" if key else None, messages)
        else:
            # The browser remembers which consultations it answered (a signed cookie, not a
            # session: other pages stay in the page cache), so their page thanks instead of
            # offering the form again.
            response = redirect(consultation.get_absolute_url())
            answered = _answered_consultations(request) | {consultation.pk}
            response.set_signed_cookie(
                ANSWERED_COOKIE, ",".join(map(str, sorted(answered))), salt=ANSWERED_COOKIE,
                max_age=ANSWERED_COOKIE_AGE, httponly=True, samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )  # fmt: skip
            return response
    context = {
        "c": consultation,
        "form": form,
        "answered": participant.responded_at is not None,
        "is_open": consultation.is_open(timezone.now()),
    }
    return render(
        request, "knowledge/consultation_respond.html", context, status=400 if form.errors else 200
    )


@require_GET
def consultation_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        consultation = consultation_public_get(pk=pk)
    except Consultation.DoesNotExist as error:
        raise Http404 from error
    if consultation.closes_at > timezone.now():
        raise Http404  # results are published only after the consultation closes
    context = {"c": consultation, "results": consultation_results(consultation=consultation)}
    return render(request, "knowledge/consultation_results.html", context)


def submission_create(request: HttpRequest) -> HttpResponse:
    """A partner local government sends in its outstanding work for editors to review."""
    form = SubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            return render(request, "knowledge/submission_received.html")
        submission = form.save(commit=False)
        submission.language = get_language()
        try:
            submission_receive(submission=submission, address=client_address(request))
        except RateLimited:
            form.add_error(None, gettext("Too many requests from your address. Try again later."))
        else:
            return render(request, "knowledge/submission_received.html")
    status = 400 if form.errors else 200
    return render(request, "knowledge/submission_form.html", {"form": form}, status=status)


@require_GET
def manual_list(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/manual_list.html", {"manuals": manual_public_list()})


@require_GET
def manual_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        manual = public_value(request, f"manual-head:{pk}", lambda: manual_public_get(pk=pk))
    except ServiceManual.DoesNotExist as error:
        raise Http404 from error
    context = {
        "manual": manual,
        "manual_parts": SimpleLazyObject(lambda: manual_parts_read(manual)),
    }
    return render(request, "knowledge/manual_detail.html", context)


@require_GET
@limited("download")
def attachment_download(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    try:
        attachment = attachment_get(pk=pk, user=request.user)
    except ItemAttachment.DoesNotExist as error:
        raise Http404 from error
    return file_response(attachment.file, name)


@require_GET
@limited("download")
def consultation_document_download(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    try:
        document = consultation_document_get(pk=pk)
    except ConsultationDocument.DoesNotExist as error:
        raise Http404 from error
    return file_response(document.file, name)
