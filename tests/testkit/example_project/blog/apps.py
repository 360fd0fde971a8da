from framework.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
