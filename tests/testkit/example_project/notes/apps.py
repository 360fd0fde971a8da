from framework.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"
