from framework.apps import AppConfig


class ShopConfig(AppConfig):
    name = "tests.admin.shop"
    label = "shop"
    verbose_name = "Shop"
    default_auto_field = "framework.db.models.AutoField"
