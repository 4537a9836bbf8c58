"""One benchmark child process: ``python bench/child.py SPEC.json``. Run only by ``bench/run.py``.

Modes (``spec["mode"]``):
- ``cold``: the Lambda cold start: import the function from ``spec["dir"]`` and answer ``spec["event"]``.
  Imports nothing the function would not import itself before the clock starts (only sys, time, json),
  so ``sys.modules`` additions are the function's own.
- ``warm``: import the function, then time every request of ``spec["mix"]`` over many conversations.

Results go to ``spec["out"]`` as JSON; stdout and stderr are left to the function (its logs).
"""

import time

T_TOP = time.perf_counter()  # same clock as the parent's (CLOCK_MONOTONIC), so startup is measurable

import json  # noqa: E402
import sys  # noqa: E402


def cold(spec: dict) -> dict:
    with open(spec["event"], encoding="utf-8") as handle:
        event = json.load(handle)
    before = set(sys.modules)
    sys.path.insert(0, spec["dir"])
    t_start = time.perf_counter()
    import lambda_function

    t_imported = time.perf_counter()
    response = lambda_function.lambda_handler(event, None)
    t_answered = time.perf_counter()
    import resource  # after the clock: the peak is already reached

    return {
        "t_top": T_TOP,
        "t_start": t_start,
        "t_imported": t_imported,
        "t_answered": t_answered,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "new_modules": sorted(set(sys.modules) - before),
        "new_files": sorted(
            {getattr(sys.modules[name], "__file__", None) or "" for name in set(sys.modules) - before} - {""}
        ),
        "speech": ((response.get("response") or {}).get("outputSpeech") or {}).get("ssml", ""),
        "directives": [d.get("type", "") for d in (response.get("response") or {}).get("directives") or []],
    }


def warm(spec: dict) -> dict:
    sys.path.insert(0, spec["dir"])
    sys.path.insert(1, spec["tools"])
    import lambda_function
    from skill_sim import envelope

    # (starts a new session?, request): "_new_session" is run.NEW_SESSION
    mix = [
        (r.get("_new_session", False), {k: v for k, v in r.items() if k != "_new_session"})
        for r in spec["mix"]
    ]

    screen = spec.get("screen")  # a device with a screen (APL) when set; else voice-only

    def conversation(timings: list[int] | None) -> None:
        session = envelope.Session(screen=screen)
        for new_session, request in mix:
            if new_session:
                session = envelope.Session(screen=screen)
            event = session.envelope(request)
            start = time.perf_counter_ns()
            response = lambda_function.lambda_handler(event, None)
            elapsed = time.perf_counter_ns() - start
            if "response" not in response:
                raise SystemExit(f"no response to {request}: {response}")
            session.attributes = dict(response.get("sessionAttributes") or {})
            if timings is not None:
                timings.append(elapsed)

    for _ in range(spec["warmup"]):
        conversation(None)
    timings: list[int] = []
    if spec.get("profile"):  # where warm time goes, by cumulative time (timings are then inflated)
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(lambda: [conversation(timings) for _ in range(spec["rounds"])])
        report = io.StringIO()
        pstats.Stats(profiler, stream=report).sort_stats("cumulative").print_stats(25)
        return {"ns": timings, "profile": report.getvalue()}
    for _ in range(spec["rounds"]):
        conversation(timings)
    return {"ns": timings}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    result = cold(spec) if spec["mode"] == "cold" else warm(spec)
    with open(spec["out"], "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
