"""Default URLconf of the test settings; each test area overrides ROOT_URLCONF."""

urlpatterns = []
