"""The request handlers, by concern: ``safety`` (emergencies first, an unsafe configuration refused),
``conversation`` (the questions and the talk around them), ``catch_all`` (whatever broke). Each picks a
``Reply`` from ``answers`` and hands it to ``respond``, the one place a reply becomes a response.

Handlers for the other features live with them: ``memory.handlers`` (returning users, forget me),
``touch`` (touches on a screen). Registration order: ``lambda_function``.
"""
