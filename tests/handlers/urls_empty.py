"""An empty URLconf: DEBUG shows the welcome page."""

urlpatterns = []
