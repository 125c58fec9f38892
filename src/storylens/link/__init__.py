"""The link stage: the analyses of N articles about one event → the story."""
