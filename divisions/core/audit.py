"""The audit log in the admin: a record's history of changes (who, what, when), for those who
may read the audit log (division administrators)."""

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.core.exceptions import PermissionDenied

AUDIT_PERMISSION = "auditlog.view_logentry"


class AuditHistory(AuditlogHistoryAdminMixin):
    show_auditlog_history_link = True

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if not request.user.has_perm(AUDIT_PERMISSION):
            display = [name for name in display if name != "auditlog_link"]
        return display

    def auditlog_history_view(self, request, object_id, extra_context=None):
        if not request.user.has_perm(AUDIT_PERMISSION):
            raise PermissionDenied
        return super().auditlog_history_view(request, object_id, extra_context)
