"""Interaction model and skill manifest linter: fails on what Alexa's build or certification would reject.

Run ``python -m model_lint`` (or the ``model-lint`` console script) from the repository root; with no
arguments it checks every locale model under ``interaction_model/skill-package/interactionModels/custom``
against ``interaction_model/skill-package/skill.json``. Developer tooling; never shipped in the function.
"""

from model_lint.rules import Finding, lint_manifest, lint_model, lint_package

__all__ = ["Finding", "lint_manifest", "lint_model", "lint_package"]
