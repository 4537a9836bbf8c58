"""Offline simulator for the skill: resolves typed utterances with the interaction model and
calls the real ``lambda_handler`` in-process. Developer tooling; never shipped in the function."""
