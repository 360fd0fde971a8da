"""Static files: finders, collectstatic, the manifest storage (Django's ``staticfiles``).

``finders`` locates files in STATICFILES_DIRS and the apps' ``static/`` directories,
``storage`` holds ``StaticFilesStorage``/``ManifestStaticFilesStorage`` and
``staticfiles_storage``; ``collectstatic`` copies everything into STATIC_ROOT, which
Apache serves. ``views.serve`` exists for DEBUG parity with Django only.
"""
