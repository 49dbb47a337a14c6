from django.urls import path
from django.views.generic import TemplateView

app_name = "spatial"
urlpatterns = [
    path("", TemplateView.as_view(template_name="spatial/index.html"), name="index"),
]
