#!/usr/bin/env python

import os
import setuptools

# Version info -- read without importing
_locals = {}
with open(os.path.join(package_name, "_version.py")) as fp:
    exec(fp.read(), None, _locals)
version = _locals["__version__"]

setuptools.setup(
    name=package_name,
    version=version,
    description="High level SSH command execution",
    license="BSD",
    long_description=open("README.rst").read(),
    author="Jeff Forcier",
    author_email="jeff@bitprophet.org",
    url="https://fabfile.org",
    project_urls={
        "Docs": "https://docs.fabfile.org",
        "Source": "https://github.com/fabric/fabric",
        "Issues": "https://github.com/fabric/fabric/issues",
        "Changelog": "https://www.fabfile.org/changelog.html",
        "CI": "https://app.circleci.com/pipelines/github/fabric/fabric",
        "Twitter": "https://twitter.com/pyfabric",
    },
    python_requres=">=3.6",
    install_requires=[
        "invoke>=2.0",
        "paramiko>=2.4",
        "decorator>=5",
        "deprecated>=1.2",
    ],
    extras_require={
        # For folks who want to use fabric.testing package, eg
        # MockRemote/MockSFTP
        "testing": [],  # no longer (for now?) needs anything special
        # For folks who want to use fabric.testing.fixtures' pytest fixtures
        "pytest": ["pytest>=7"],
    },
    packages=packages,
    entry_points={
        "console_scripts": [
            "{} = {}.main:program.run".format(binary_name, package_name)
        ]
    },
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Environment :: Console",
        "Topic :: System :: Systems Administration",
    ],
)
