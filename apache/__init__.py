"""The Apache integration layer (installed as ``framework_apache``).

It drives Apache httpd and mod_wsgi for a project: the WSGI entry point, the
server root generated from the httpd templates in conf/, the apachectl driver
behind ``manage.py apache`` and mod_wsgi-express runs behind ``manage.py
runserver``. It uses the framework's public API; the core never imports it.
"""
