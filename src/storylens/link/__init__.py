"""The link stage: the analyses of N articles about one event → the story."""

from storylens.link.story import link

__all__ = ["link"]
