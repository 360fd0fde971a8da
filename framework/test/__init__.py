"""Testing tools (Django's ``django.test``): the TestCase family, the test client,
``RequestFactory``, ``override_settings``/``modify_settings`` and the pytest plugin
(``framework.test.plugin``); ``framework.test.runner.DiscoverRunner`` runs unittest suites.
"""

from framework.test.client import Client as Client
from framework.test.client import RequestFactory as RequestFactory
from framework.test.testcases import SimpleTestCase as SimpleTestCase
from framework.test.testcases import TestCase as TestCase
from framework.test.testcases import TransactionTestCase as TransactionTestCase
from framework.test.testcases import skipIfDBFeature as skipIfDBFeature
from framework.test.testcases import skipUnlessDBFeature as skipUnlessDBFeature
from framework.test.utils import modify_settings as modify_settings
from framework.test.utils import override_settings as override_settings
