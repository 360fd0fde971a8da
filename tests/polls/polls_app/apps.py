from framework.apps import AppConfig


class PollsConfig(AppConfig):
    name = "tests.polls.polls_app"
    label = "polls"
    default_auto_field = "framework.db.models.BigAutoField"
