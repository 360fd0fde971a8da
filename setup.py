"""Package layout that pyproject.toml cannot express: apache/ and conf/ ship as framework_apache."""

from setuptools import find_packages, setup

apache_packages = ["framework_apache"] + [
    f"framework_apache.{name}" for name in find_packages("apache")
]
setup(
    packages=find_packages(include=["framework", "framework.*"])
    + apache_packages
    + ["framework_apache.conf"],
    package_dir={"framework_apache": "apache", "framework_apache.conf": "conf"},
)
