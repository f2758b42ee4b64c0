"""Booty: a GitHub Action that turns a labelled issue into a validated pull request."""

__version__ = "0.1.0"
