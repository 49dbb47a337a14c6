from django.urls import path
from django.views.generic import TemplateView

app_name = "knowledge"
urlpatterns = [
    path("", TemplateView.as_view(template_name="knowledge/index.html"), name="index"),
]
