from django.http import HttpResponse
from django.urls import path

app_name = "sample_area"


def index(request):
    return HttpResponse("The sample area's page")


urlpatterns = [path("", index, name="index")]
