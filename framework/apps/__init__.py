"""The app registry: ``from framework.apps import apps, AppConfig``."""

from framework.apps.config import AppConfig as AppConfig
from framework.apps.registry import Apps as Apps
from framework.apps.registry import apps as apps
