"""Train the learned screen (``lambda/itb_skill/safety/learned.py``) from the project's corpora.

    python -m train_screen            train, choose thresholds by cross-validation, write the weights,
                                      the settings (screen_model.json) and docs/screen-model-card.md
    python -m train_screen --check    exit 1 when the corpora changed since the weights were trained

Deterministic: the same corpora and the same pinned scikit-learn give the same bytes. The training
data are every line of ``tests/corpus/*.txt`` (emergencies against everything that must never be
one), plus each line said after a carrier word ("he's {report}") without that word, as the report
intent sends it. Only the corpora: adding a topic to the content or the model never needs retraining.
"""
