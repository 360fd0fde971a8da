"""Package layout that pyproject.toml cannot express: apache/ and conf/ ship as framework_apache."""

from setuptools import find_namespace_packages, find_packages, setup

apache_packages = ["framework_apache"] + [
    f"framework_apache.{name}" for name in find_packages("apache")
]
setup(
    # Namespace discovery so that data-only directories (templates) ship too.
    packages=find_namespace_packages(
        include=["framework", "framework.*"], exclude=["*.__pycache__", "*.__pycache__.*"]
    )
    + apache_packages
    + ["framework_apache.conf"],
    package_dir={"framework_apache": "apache", "framework_apache.conf": "conf"},
)
