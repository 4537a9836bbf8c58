"""``make bench``: is the skill as fast as a hello-world skill? Prints a table, exits 1 on a missed budget.

The yardstick is ``bench/hello_world`` (a hello-world ask-sdk-core skill), measured with the same Python
on the same machine in the same run, alternating with the project so drift hits both alike.

- Cold start: a new process imports the function from its unpacked deployment zip, with a Lambda-like
  environment (no TABLE_NAME, storage in a temp dir) and bytecode from a private cache warmed by two
  unrecorded pairs, and answers its first LaunchRequest. Budget: median of the paired ratios of the
  time from process start to the first answer (as a Lambda cold start counts it, minus the runtime's own
  bootstrap); "import + first answer" alone, without the interpreter's start, is reported beside it.
  "As shipped" (read-only, only the zip's bytecode, as on Lambda) is reported for information.
- Warm: per-request time over a mix (a session of launch, topics, help, fallback, end; then a one-shot
  emergency) in one process; budget on the ratio of the medians over conversations of their mean request time.
- Screen device (information rows): the same cold start and warm mix from an Echo Show (APL in
  supportedInterfaces), both skills; the budgets above are for voice-only devices.
- Resolver: mean time for the simulator to resolve one utterance against the whole interaction model.
- Emergency path: the modules a fresh process imports to answer an EmergencyIntent (never boto3).
- Peak memory of a cold start, and the deployment zip size (tools/build_zip.py's recipe for both).

Usage: python bench/run.py [--pairs 30] [--quick] [--json build/bench.json] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIR = ROOT / "lambda"
BASELINE_DIR = ROOT / "bench" / "hello_world"
TOOLS_DIR = ROOT / "tools"
CHILD = Path(__file__).resolve().parent / "child.py"
MODEL = ROOT / "interaction_model" / "skill-package" / "interactionModels" / "custom" / "en-US.json"

sys.path.insert(0, str(TOOLS_DIR))

from skill_sim import envelope  # noqa: E402

# Budgets from issue 7: (key, limit); every figure must be <= its limit (resolve: strictly below).
COLD_BUDGET = 1.2
WARM_BUDGET = 1.5
RESOLVE_BUDGET_US = 1000.0
ZIP_BUDGET = 1.1
FORBIDDEN_ON_EMERGENCY_PATH = ("boto3", "botocore")
# Issue 11: the learned screen may add this much to a cold start (its first use: weights read) and to one
# screened utterance (scoring alone, over corpus utterances said once each, in a warm process).
LEARNED_COLD_BUDGET_MS = 3.0
LEARNED_UTTERANCE_BUDGET_US = 50.0


# ---- small statistics helpers (unit-tested in tests/test_bench_helpers.py) ----


def median(values) -> float:
    values = list(values)
    if not values:
        raise ValueError("median of nothing")
    return float(statistics.median(values))


def paired_ratios(numerators, denominators) -> list[float]:
    """Ratio of each pair, e.g. the project's cold start over the baseline's run next to it."""
    numerators, denominators = list(numerators), list(denominators)
    if len(numerators) != len(denominators):
        raise ValueError("pairs need the same number of runs on each side")
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


def percentile(values, fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of nothing")
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without floats drifting
    return float(ordered[int(rank) - 1])


def per_conversation(samples, size: int) -> list[float]:
    """Mean time per request of each conversation: ``samples`` are consecutive runs of ``size`` requests.

    The warm budget compares the medians of these: the whole mix counts (a slow launch is not hidden),
    while a conversation that another process on the machine interrupted does not.
    """
    samples = list(samples)
    if size <= 0 or len(samples) % size:
        raise ValueError("samples must be whole conversations")
    return [statistics.fmean(samples[i : i + size]) for i in range(0, len(samples), size)]


def by_request(mix: list[dict], samples) -> list[tuple[str, float]]:
    """(request name, median us) for each position of the mix."""
    samples = list(samples)
    names = [(r.get("intent") or {}).get("name") or r["type"] for r in mix]
    return [(name, median(samples[i :: len(mix)]) / 1000) for i, name in enumerate(names)]


@dataclass
class Row:
    measure: str
    project: str
    baseline: str
    figure: float | None  # what the budget judges (ratio or absolute)
    shown: str  # the figure as printed
    budget: str
    limit: float | None
    strict: bool = False  # figure must be < limit rather than <=

    @property
    def passed(self) -> bool | None:
        if self.limit is None or self.figure is None:
            return None
        return self.figure < self.limit if self.strict else self.figure <= self.limit

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "MISS", None: "-"}[self.passed]


def render_table(rows: list[Row]) -> str:
    header = ("measure", "project", "baseline", "figure", "budget", "result")
    lines = [header] + [(r.measure, r.project, r.baseline, r.shown, r.budget, r.verdict) for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]

    def fmt(line):
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + " |"

    return "\n".join(
        [fmt(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [fmt(x) for x in lines[1:]]
    )


# ---- the deployment zip ----


def build_zip(function_dir: Path, out: Path) -> Path:
    """The project's own packaging recipe (tools/build_zip.py), used for the skill and the baseline alike."""
    import build_zip as recipe  # tools/build_zip.py

    return recipe.build(function_dir, out)


def quietly(function, *args):
    """Run ``function`` with the process's stdout/stderr (pip's too) held back unless it fails."""
    with tempfile.TemporaryFile() as held:
        sys.stdout.flush(), sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(held.fileno(), 1), os.dup2(held.fileno(), 2)
        try:
            return function(*args)
        except BaseException:
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            held.seek(0)
            sys.stderr.write(held.read().decode(errors="replace")[-4000:])
            raise
        finally:
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            os.close(saved[0]), os.close(saved[1])


def unpack(archive: Path, target: Path) -> Path:
    """Unpack like Lambda does: files keep the zip's timestamps (so shipped .pyc files stay valid)."""
    if target.exists():
        _remove_tree(target)
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            path = Path(zipped.extract(info, target))
            stamp = time.mktime((*info.date_time, 0, 0, -1))
            os.utime(path, (stamp, stamp))
    return target


def stale_bytecode(sources: list[Path]) -> list[Path]:
    """The sources whose shipped ``__pycache__`` bytecode is missing or stale: on Lambda's read-only
    /var/task these are compiled again at every cold start."""
    import importlib.util

    stale = []
    for source in sources:
        cached = source.parent / "__pycache__" / f"{source.stem}.{sys.implementation.cache_tag}.pyc"
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            stale.append(source)
            continue
        flags = int.from_bytes(header[4:8], "little")
        if header[:4] != importlib.util.MAGIC_NUMBER:
            stale.append(source)
        elif flags & 0b1:  # hash-based: valid when unchecked or when the hash still matches
            if flags & 0b10 and header[8:16] != importlib.util.source_hash(source.read_bytes()):
                stale.append(source)
        else:  # timestamp-based: the source's mtime (whole seconds) and size must match
            stat = source.stat()
            mtime = int.from_bytes(header[8:12], "little")
            size = int.from_bytes(header[12:16], "little")
            if mtime != int(stat.st_mtime) & 0xFFFFFFFF or size != stat.st_size & 0xFFFFFFFF:
                stale.append(source)
    return stale


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)


# ---- child processes ----


def lambda_environment(task_root: Path, workdir: Path) -> dict[str, str]:
    """An environment like the Lambda Python runtime's: no TABLE_NAME, so storage stays in a temp dir.

    Bytecode goes to a private cache filled by the unrecorded warm-up runs, so every recorded cold start
    runs from valid bytecode whatever the zip ships (the best case; ``stale_bytecode`` reports whether the
    shipped zip achieves it on Lambda, where /var/task is read-only).
    """
    return {
        "PYTHONPYCACHEPREFIX": str(workdir / "pycache"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "LAMBDA_TASK_ROOT": str(task_root),
        "AWS_EXECUTION_ENV": f"AWS_Lambda_python{sys.version_info.major}.{sys.version_info.minor}",
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "SKILL_ID": envelope.DEFAULT_SKILL_ID,
        "ITB_DATA_DIR": str(workdir / "data"),
        "PYTHONHASHSEED": "0",
    }


def run_child(spec: dict, workdir: Path, env: dict[str, str], extra_args=()) -> tuple[dict, float, float]:
    """Run one child; returns (its result, perf_counter at spawn, perf_counter at exit)."""
    spec_path = workdir / "spec.json"
    out_path = workdir / "out.json"
    if out_path.exists():
        out_path.unlink()
    spec = {**spec, "out": str(out_path)}
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    command = [sys.executable, *extra_args, str(CHILD), str(spec_path)]
    spawned = time.perf_counter()
    done = subprocess.run(command, cwd=spec["dir"], env=env, capture_output=True, text=True, check=False)
    exited = time.perf_counter()
    if done.returncode != 0 or not out_path.exists():
        raise SystemExit(f"benchmark child failed ({spec['mode']} {spec['dir']}):\n{done.stderr[-4000:]}")
    result = json.loads(out_path.read_text(encoding="utf-8"))
    result["stderr"] = done.stderr
    return result, spawned, exited


@dataclass
class Skill:
    name: str
    source: Path  # where the code lives in the repository
    task_root: Path  # the unpacked zip the children run from
    zip_bytes: int
    workdir: Path
    env: dict[str, str]
    mix: list[dict]


def shipped_environment(skill: Skill) -> dict[str, str]:
    """As on Lambda: only the bytecode in the zip, and nothing written (/var/task is read-only)."""
    env = {k: v for k, v in skill.env.items() if k != "PYTHONPYCACHEPREFIX"}
    return env | {"PYTHONDONTWRITEBYTECODE": "1"}


def cold_once(skill: Skill, event_path: Path, extra_args=(), env: dict[str, str] | None = None) -> dict:
    spec = {"mode": "cold", "dir": str(skill.task_root), "event": str(event_path)}
    result, spawned, exited = run_child(spec, skill.workdir, env or skill.env, extra_args)
    result["init_ms"] = (result["t_answered"] - result["t_start"]) * 1000  # import + first answer
    result["spawn_ms"] = (result["t_answered"] - spawned) * 1000  # process spawn to first answer
    result["process_ms"] = (exited - spawned) * 1000
    return result


def warm_samples(
    skill: Skill, rounds: int, profile: bool = False, screen: str | None = None
) -> list[int] | str:
    """Per-request nanoseconds over ``rounds`` conversations (on a device with ``screen``, else voice-only);
    with ``profile``, the cProfile report."""
    spec = {
        "screen": screen,
        "profile": profile,
        "mode": "warm",
        "dir": str(skill.task_root),
        "tools": str(TOOLS_DIR),
        "mix": skill.mix,
        "warmup": 20,
        "rounds": rounds,
    }
    result, _, _ = run_child(spec, skill.workdir, skill.env)
    return result["profile"] if profile else result["ns"]


# ---- request mixes: same shape for both skills ----


SCREEN = "hub-landscape-medium"  # the screen device of the APL rows (an Echo Show 8)
NEW_SESSION = "_new_session"  # marks a request that starts a new session (read by bench/child.py)


def project_mix() -> list[dict]:
    """A session (launch, two topic intents, a free-text question, help, fallback, session end), then an
    emergency said in one breath ("tell baclofen pump guide my husband is not breathing"): a new session."""
    content = json.loads((PROJECT_DIR / "content" / "en-US.json").read_text(encoding="utf-8"))
    direct = [name for name, route in content["intents"].items() if route.get("topic")]
    topic_intents = (direct * 2)[:2] if direct else []
    topics = [envelope.intent_request(name) for name in topic_intents]
    question = envelope.intent_request(
        "QuestionIntent",
        {"query": envelope.slot("query", "how big is the pump", slot_type="AMAZON.SearchQuery")},
    )
    return [
        envelope.launch_request(),
        *topics,
        question,
        envelope.intent_request("AMAZON.HelpIntent"),
        envelope.intent_request("AMAZON.FallbackIntent"),
        envelope.session_ended_request(),
        {**emergency_request(), NEW_SESSION: True},
    ]


def emergency_request() -> dict:
    """ "my husband is not breathing", as Alexa resolves it against the model's SymptomType."""
    return envelope.intent_request(
        "EmergencyIntent",
        {
            "person": envelope.slot("person", "my husband", "PARTNER", "my wife", slot_type="PersonType"),
            "symptom": envelope.slot("symptom", "not breathing", "NOT_BREATHING", slot_type="SymptomType"),
        },
    )


def baseline_mix(questions: int) -> list[dict]:
    """The same shape: "hello" stands for each topic question and for the one-shot emergency."""
    return [
        envelope.launch_request(),
        *[envelope.intent_request("HelloWorldIntent") for _ in range(questions)],
        envelope.intent_request("AMAZON.HelpIntent"),
        envelope.intent_request("AMAZON.FallbackIntent"),
        envelope.session_ended_request(),
        {**envelope.intent_request("HelloWorldIntent"), NEW_SESSION: True},
    ]


# ---- the simulator's resolver ----

UTTERANCES = (
    "what is baclofen pump therapy",
    "what's baclofen pump therapy",
    "tell me about the pump",
    "is it right for my son",
    "how long is the surgery",
    "will i be asleep during the surgery",
    "how big is the pump",
    "is dizziness a side effect",
    "can it cause meningitis",
    "how do i make an appointment",
    "i need an appointment please",
    "what are the risks",
    "what are the side affects",  # near-match: misheard word
    "um how big is uh the pump thing",  # near-match: fillers
    "my husband is not breathing",  # emergency
    "he had a seizure and won't wake up",
    "help",
    "stop",
    "cancel",
    "yes",
    "no",
    "say that again",
    "start over",
    "go home",
    "what is the weather in boston",  # fallback
    "play some jazz",
    "how much does it cost",
    "does insurance pay for it",
    "",
    "baclofen",
)


_LEARNED_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from itb_skill.safety import learned
lines = json.loads(sys.argv[2])
started = time.perf_counter()
learned.model()
load_ms = (time.perf_counter() - started) * 1000
times = []
for text in lines:
    started = time.perf_counter()
    learned.score(text)
    times.append(time.perf_counter() - started)
again = []
for text in lines:
    started = time.perf_counter()
    learned.score(text)
    again.append(time.perf_counter() - started)
print(json.dumps({"load_ms": load_ms, "first_us": sum(times) / len(times) * 1e6,
                  "again_us": sum(again) / len(again) * 1e6}))
"""


def learned_screen_costs(skill: Skill, runs: int) -> dict[str, float]:
    """The learned screen in the deployed function: its first use (weights read) in fresh processes,
    and scoring corpus utterances said once each, then again (words' features are kept per process)."""
    import corpora

    lines = [line.utterance for line in corpora.every()][::7][:300]
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _LEARNED_CHILD, str(skill.task_root), json.dumps(lines)],
            capture_output=True,
            text=True,
            check=True,
            env=skill.env,
        )
        results.append(json.loads(done.stdout))
    return {key: median(r[key] for r in results) for key in ("load_ms", "first_us", "again_us")} | {
        "utterances": len(lines)
    }


def model_utterances() -> list[str]:
    """One sample without slots per intent of the model, so every intent is exercised."""
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    picked = []
    for intent in model["interactionModel"]["languageModel"]["intents"]:
        samples = [s for s in intent.get("samples", []) if "{" not in s]
        if samples:
            picked.append(samples[len(samples) // 2])
    return picked


def time_resolver(loops: int) -> tuple[float, float, int]:
    """(mean us to resolve one utterance, ms to compile the model once, utterance count).

    Per utterance as the simulator does it: ``resolver.resolve(model_file, text)``, the model compiled
    once and only checked for changes on disk, over exact, near-miss, slot, emergency and fallback text.
    """
    from skill_sim import resolver

    start = time.perf_counter()
    resolver.Model(json.loads(MODEL.read_text(encoding="utf-8")), str(MODEL))
    compile_ms = (time.perf_counter() - start) * 1000
    utterances = list(UTTERANCES) + model_utterances()
    for text in utterances:  # compile and warm, and prove every utterance resolves
        resolver.resolve(MODEL, text)
    start = time.perf_counter_ns()
    for _ in range(loops):
        for text in utterances:
            resolver.resolve(MODEL, text)
    elapsed = time.perf_counter_ns() - start
    return elapsed / (loops * len(utterances)) / 1000, compile_ms, len(utterances)


def dynamodb_first_use_ms(skill: Skill, runs: int = 5) -> float:
    """What the bench's local store hides: with TABLE_NAME set on Lambda, the first LaunchRequest also
    imports boto3 and the ASK DynamoDB adapter and builds a resource (network time not included)."""
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(skill.task_root)!r})\n"
        "start = time.perf_counter()\n"
        "import boto3\n"
        "import ask_sdk_dynamodb.adapter\n"
        "boto3.session.Session().resource('dynamodb', region_name='us-east-1')\n"
        "print((time.perf_counter() - start) * 1000)\n"
    )
    env = skill.env | {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}  # never used
    timings = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=skill.task_root, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            return float("nan")
        timings.append(float(done.stdout.strip()))
    return median(timings)


# ---- profiling when the cold start misses ----


def import_profile(skill: Skill, event_path: Path, top: int | None = 15) -> list[tuple[int, int, str]]:
    """``python -X importtime`` of a cold start: (self us, cumulative us, module), costliest first."""
    result = cold_once(skill, event_path, extra_args=("-X", "importtime"))
    rows = []
    for line in result["stderr"].splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(self_us), int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:top] if top else sorted(rows, reverse=True)


def cprofile_first_answer(skill: Skill, event_path: Path, top: int = 20) -> str:
    """cProfile of import + first answer in a fresh process, by cumulative time."""
    code = (
        "import cProfile, json, pstats, sys\n"
        f"sys.path.insert(0, {str(skill.task_root)!r})\n"
        f"event = json.load(open({str(event_path)!r}))\n"
        "profiler = cProfile.Profile()\n"
        "profiler.enable()\n"
        "import lambda_function\n"
        "lambda_function.lambda_handler(event, None)\n"
        "profiler.disable()\n"
        f"pstats.Stats(profiler).sort_stats('cumulative').print_stats({top})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=skill.task_root, env=skill.env, capture_output=True, text=True
    )
    return done.stdout[-6000:]


# ---- the run ----


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "arch": platform.machine(),
        "cpu": cpu,
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
    }


def prepare(name: str, source: Path, base: Path, mix: list[dict]) -> Skill:
    workdir = base / name
    workdir.mkdir(parents=True, exist_ok=True)
    archive = quietly(build_zip, source, base / f"{name}.zip")
    task_root = unpack(archive, base / f"{name}-task")
    (workdir / "data").mkdir(exist_ok=True)
    return Skill(
        name=name,
        source=source,
        task_root=task_root,
        zip_bytes=archive.stat().st_size,
        workdir=workdir,
        env=lambda_environment(task_root, workdir),
        mix=mix,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=30, help="cold-start pairs (default 30)")
    parser.add_argument("--rounds", type=int, default=300, help="warm conversations per child (default 300)")
    parser.add_argument("--quick", action="store_true", help="few runs, to try the harness")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json", help="results file")
    parser.add_argument("--profile", action="store_true", help="profile the cold start even when it passes")
    args = parser.parse_args(argv)
    if args.quick:
        args.pairs, args.rounds = 4, 30

    info = machine()
    print(f"bench: {info['date']}, {info['arch']}, {info['cpu']} x{info['cpus']}, Python {info['python']}")
    mix = project_mix()
    questions = len(mix) - 5  # launch, help, fallback, end and the one-shot are common; the rest: "hello"

    with tempfile.TemporaryDirectory(prefix="itb-bench-") as tmp:
        base = Path(tmp)
        print("bench: building both deployment zips with the project's recipe ...", flush=True)
        project = prepare("project", PROJECT_DIR, base, mix)
        baseline = prepare("baseline", BASELINE_DIR, base, baseline_mix(questions))

        launch = base / "launch.json"
        launch.write_text(
            json.dumps(envelope.Session().envelope(envelope.launch_request())), encoding="utf-8"
        )
        screen_launch = base / "screen-launch.json"  # the same launch from an Echo Show (APL)
        screen_launch.write_text(
            json.dumps(envelope.Session(screen=SCREEN).envelope(envelope.launch_request())), encoding="utf-8"
        )
        emergency = base / "emergency.json"
        emergency.write_text(
            json.dumps(envelope.Session().envelope(emergency_request())),
            encoding="utf-8",
        )

        # Cold starts, alternating which skill goes first in each pair; two unrecorded pairs warm the disk.
        print(f"bench: {args.pairs} cold-start pairs ...", flush=True)
        for _ in range(2):
            cold_once(project, launch), cold_once(baseline, launch)
        cold_p: list[dict] = []
        cold_b: list[dict] = []
        for i in range(args.pairs):
            order = (project, baseline) if i % 2 == 0 else (baseline, project)
            for skill in order:
                (cold_p if skill is project else cold_b).append(cold_once(skill, launch))
        if not (cold_p[0]["speech"] and cold_b[0]["speech"]):
            raise SystemExit("bench: a cold start answered the LaunchRequest with no speech")

        # The same on a device with a screen (APL), for information: the skill sends its first screen.
        print(f"bench: {args.pairs} cold-start pairs on a screen device ...", flush=True)
        cold_screen_p: list[dict] = []
        cold_screen_b: list[dict] = []
        for i in range(args.pairs):
            for skill in (project, baseline) if i % 2 == 0 else (baseline, project):
                (cold_screen_p if skill is project else cold_screen_b).append(cold_once(skill, screen_launch))
        if not any(kind.endswith("RenderDocument") for kind in cold_screen_p[0]["directives"]):
            raise SystemExit("bench: the launch from a screen device got no screen")

        # The same, as shipped: bytecode only from the zip (a few pairs; stale bytecode shows here).
        shipped_p: list[dict] = []
        shipped_b: list[dict] = []
        for i in range(max(4, args.pairs // 5)):
            for skill in (project, baseline) if i % 2 == 0 else (baseline, project):
                run = cold_once(skill, launch, env=shipped_environment(skill))
                (shipped_p if skill is project else shipped_b).append(run)
        stale = {}
        for skill, run in ((project, cold_p[0]), (baseline, cold_b[0])):
            loaded = [Path(f) for f in run["new_files"] if Path(f).is_relative_to(skill.task_root)]
            loaded = [f for f in loaded if f.suffix == ".py"]
            stale[skill.name] = (len(stale_bytecode(loaded)), len(loaded))

        # Warm: three children each, alternating.
        print("bench: warm request mixes ...", flush=True)
        warm_p: list[int] = []
        warm_b: list[int] = []
        for i in range(4):
            for skill in (project, baseline) if i % 2 == 0 else (baseline, project):
                (warm_p if skill is project else warm_b).extend(warm_samples(skill, args.rounds))

        print("bench: warm request mixes on a screen device ...", flush=True)
        warm_screen_p: list[int] = []
        warm_screen_b: list[int] = []
        for i in range(4):
            for skill in (project, baseline) if i % 2 == 0 else (baseline, project):
                samples = warm_samples(skill, args.rounds, screen=SCREEN)
                (warm_screen_p if skill is project else warm_screen_b).extend(samples)

        # The emergency path: modules beyond the baseline's first answer.
        emergency_run = cold_once(project, emergency)
        baseline_run = cold_once(baseline, launch)
        if "911" not in emergency_run["speech"]:
            raise SystemExit("bench: the EmergencyIntent answer does not say 911")
        extra_modules = sorted(set(emergency_run["new_modules"]) - set(baseline_run["new_modules"]))
        forbidden = sorted(
            m for m in emergency_run["new_modules"] if m.split(".")[0] in FORBIDDEN_ON_EMERGENCY_PATH
        )

        dynamo_ms = dynamodb_first_use_ms(project)
        print("bench: the learned screen ...", flush=True)
        learned_costs = learned_screen_costs(project, runs=5 if args.quick else 15)

        print("bench: resolver ...", flush=True)
        resolve_us, compile_ms, utterance_count = time_resolver(loops=50 if args.quick else 300)

        rows, results = summarize(
            project,
            baseline,
            cold_p,
            cold_b,
            shipped_p,
            shipped_b,
            stale,
            warm_p,
            warm_b,
            resolve_us,
            compile_ms,
            utterance_count,
            dynamo_ms,
            extra_modules,
            forbidden,
            emergency_run,
            args.pairs,
            learned_costs,
            (cold_screen_p, cold_screen_b, warm_screen_p, warm_screen_b),
        )
        print()
        print(render_table(rows))
        print()
        print(f"Modules on the emergency path beyond the baseline's ({len(extra_modules)}):")
        print("  " + (", ".join(extra_modules) or "none"))
        if forbidden:
            print(f"MISS: boto3/botocore imported on the emergency path: {', '.join(forbidden)}")

        missed = [row for row in rows if row.passed is False]
        cold_missed = any(row.passed is False and row.measure.startswith("cold") for row in rows)
        warm_missed = any(row.passed is False and row.measure.startswith("warm") for row in rows)
        if cold_missed or args.profile:
            baseline_modules = {name for _, _, name in import_profile(baseline, launch, top=None)}
            extra = [
                row for row in import_profile(project, launch, top=None) if row[2] not in baseline_modules
            ]
            total_ms = sum(row[0] for row in extra) / 1000
            print(f"\nModules only the project imports at a cold start: {len(extra)}, {total_ms:.1f} ms self")
            print("(python -X importtime, costliest first; the first answer's work: cProfile below)")
            for self_us, cumulative, name in extra[:15]:
                print(f"  {self_us / 1000:7.2f} ms self  {cumulative / 1000:7.2f} ms cumulative  {name}")
            print("\ncProfile of import + first LaunchRequest (cumulative):")
            print(cprofile_first_answer(project, launch))
        if warm_missed or args.profile:
            print("\nWarm, median per request of the mix (us):")
            for skill, samples in ((project, warm_p), (baseline, warm_b)):
                print(
                    f"  {skill.name}: "
                    + ", ".join(f"{n} {us:.0f}" for n, us in by_request(skill.mix, samples))
                )
            print("\ncProfile of the project's warm request mix (cumulative):")
            print(warm_samples(project, args.rounds, profile=True)[-6000:])

    results["machine"] = info
    results["passed"] = not missed
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"bench: results in {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    if missed:
        print(f"bench: {len(missed)} budget(s) missed")
        return 1
    print("bench: every budget met")
    return 0


def summarize(
    project,
    baseline,
    cold_p,
    cold_b,
    shipped_p,
    shipped_b,
    stale,
    warm_p,
    warm_b,
    resolve_us,
    compile_ms,
    utterance_count,
    dynamo_ms,
    extra_modules,
    forbidden,
    emergency_run,
    pairs,
    learned_costs,
    on_screen,
):
    init_p = [r["init_ms"] for r in cold_p]
    init_b = [r["init_ms"] for r in cold_b]
    spawn_p = [r["spawn_ms"] for r in cold_p]
    spawn_b = [r["spawn_ms"] for r in cold_b]
    init_ratio = median(paired_ratios(init_p, init_b))
    spawn_ratio = median(paired_ratios(spawn_p, spawn_b))
    shipped_ms_p = median(r["init_ms"] for r in shipped_p)
    shipped_ms_b = median(r["init_ms"] for r in shipped_b)
    shipped_ratio = median(
        paired_ratios([r["init_ms"] for r in shipped_p], [r["init_ms"] for r in shipped_b])
    )
    mix_p = per_conversation(warm_p, len(project.mix))
    mix_b = per_conversation(warm_b, len(baseline.mix))
    warm_mix_ratio = median(mix_p) / median(mix_b)
    warm_mean_ratio = statistics.fmean(warm_p) / statistics.fmean(warm_b)
    warm_median_ratio = median(warm_p) / median(warm_b)
    rss_p = median(r["maxrss_kib"] for r in cold_p) / 1024
    rss_b = median(r["maxrss_kib"] for r in cold_b) / 1024
    zip_ratio = project.zip_bytes / baseline.zip_bytes
    p50 = percentile(warm_p, 0.5) / 1000
    p99 = percentile(warm_p, 0.99) / 1000

    rows = [
        Row(
            f"cold: process start to first launch answered (median ms, {pairs} pairs)",
            f"{median(spawn_p):.1f}",
            f"{median(spawn_b):.1f}",
            spawn_ratio,
            f"{spawn_ratio:.3f}x",
            f"<= {COLD_BUDGET}x",
            COLD_BUDGET,
        ),
        Row(
            "cold: of which import + first launch (median ms)",
            f"{median(init_p):.1f}",
            f"{median(init_b):.1f}",
            None,
            f"{init_ratio:.3f}x",
            "(info)",
            None,
        ),
        Row(
            "cold as shipped: read-only, zip bytecode only (ms)",
            f"{shipped_ms_p:.1f}",
            f"{shipped_ms_b:.1f}",
            None,
            f"{shipped_ratio:.2f}x",
            "(info)",
            None,
        ),
        Row(
            "cold as shipped: modules compiled each start",
            "{}/{}".format(*stale["project"]),
            "{}/{}".format(*stale["baseline"]),
            None,
            "-",
            "(info)",
            None,
        ),
        Row(
            "cold on Lambda with DynamoDB: + boto3 and adapter at first launch (ms)",
            f"+{dynamo_ms:.0f}",
            "-",
            None,
            "-",
            "(info)",
            None,
        ),
        Row(
            f"warm: mix per request (us, median of {len(mix_p)} conversations)",
            f"{median(mix_p) / 1000:.0f}",
            f"{median(mix_b) / 1000:.0f}",
            warm_mix_ratio,
            f"{warm_mix_ratio:.3f}x",
            f"<= {WARM_BUDGET}x",
            WARM_BUDGET,
        ),
        Row(
            f"warm: mean per request (us, {len(warm_p)} requests)",
            f"{statistics.fmean(warm_p) / 1000:.0f}",
            f"{statistics.fmean(warm_b) / 1000:.0f}",
            None,
            f"{warm_mean_ratio:.2f}x",
            "(info)",
            None,
        ),
        Row(
            "warm: median per request (us)",
            f"{median(warm_p) / 1000:.0f}",
            f"{median(warm_b) / 1000:.0f}",
            None,
            f"{warm_median_ratio:.2f}x",
            "(info)",
            None,
        ),
        Row("warm: project p50 / p99 (us)", f"{p50:.0f} / {p99:.0f}", "-", None, "-", "(info)", None),
        *screen_rows(project, baseline, *on_screen),
        Row(
            f"resolve one utterance (mean us, {utterance_count} utterances)",
            f"{resolve_us:.0f}",
            "-",
            resolve_us,
            f"{resolve_us:.0f} us",
            f"< {RESOLVE_BUDGET_US:.0f} us",
            RESOLVE_BUDGET_US,
            strict=True,
        ),
        Row("resolver: compile the model once (ms)", f"{compile_ms:.1f}", "-", None, "-", "(info)", None),
        Row(
            "learned screen: first use in a fresh process, weights read (median ms)",
            f"{learned_costs['load_ms']:.2f}",
            "-",
            learned_costs["load_ms"],
            f"{learned_costs['load_ms']:.2f} ms",
            f"<= {LEARNED_COLD_BUDGET_MS:.0f} ms",
            LEARNED_COLD_BUDGET_MS,
        ),
        Row(
            f"learned screen: score one utterance, said once (mean us, {learned_costs['utterances']})",
            f"{learned_costs['first_us']:.0f}",
            "-",
            learned_costs["first_us"],
            f"{learned_costs['first_us']:.0f} us",
            f"<= {LEARNED_UTTERANCE_BUDGET_US:.0f} us",
            LEARNED_UTTERANCE_BUDGET_US,
        ),
        Row(
            "learned screen: the same utterance again (mean us)",
            f"{learned_costs['again_us']:.0f}",
            "-",
            None,
            "-",
            "(info)",
            None,
        ),
        Row(
            "emergency path: boto3/botocore imported",
            ", ".join(forbidden[:3]) if forbidden else "no",
            "-",
            float(len(forbidden)),
            f"{len(extra_modules)} modules beyond baseline",
            "never",
            0.0,
        ),
        Row(
            "cold: peak memory (ru_maxrss MiB)",
            f"{rss_p:.1f}",
            f"{rss_b:.1f}",
            None,
            f"{rss_p / rss_b:.2f}x",
            "(info)",
            None,
        ),
        Row(
            "deployment zip (KiB)",
            f"{project.zip_bytes / 1024:.0f}",
            f"{baseline.zip_bytes / 1024:.0f}",
            zip_ratio,
            f"{zip_ratio:.3f}x",
            f"<= {ZIP_BUDGET}x",
            ZIP_BUDGET,
        ),
    ]
    cold_screen_p, cold_screen_b, warm_screen_p, warm_screen_b = on_screen
    results = {
        "screen_device": {
            "cold_spawn_ms": {
                "project": [r["spawn_ms"] for r in cold_screen_p],
                "baseline": [r["spawn_ms"] for r in cold_screen_b],
            },
            "warm_us": {
                "project_mix_median": median(per_conversation(warm_screen_p, len(project.mix))) / 1000,
                "baseline_mix_median": median(per_conversation(warm_screen_b, len(baseline.mix))) / 1000,
            },
        },
        "cold_init_ms": {"project": init_p, "baseline": init_b, "median_paired_ratio": init_ratio},
        "cold_spawn_ms": {"project": spawn_p, "baseline": spawn_b, "median_paired_ratio": spawn_ratio},
        "cold_shipped_ms": {
            "project": shipped_ms_p,
            "baseline": shipped_ms_b,
            "median_paired_ratio": shipped_ratio,
            "stale_bytecode": stale,
        },
        "warm_us": {
            "project_mean": statistics.fmean(warm_p) / 1000,
            "baseline_mean": statistics.fmean(warm_b) / 1000,
            "project_median": median(warm_p) / 1000,
            "baseline_median": median(warm_b) / 1000,
            "mix_ratio": warm_mix_ratio,
            "project_mix_median": median(mix_p) / 1000,
            "baseline_mix_median": median(mix_b) / 1000,
            "mean_ratio": warm_mean_ratio,
            "median_ratio": warm_median_ratio,
            "project_p50": p50,
            "project_p99": p99,
        },
        "dynamodb_first_use_ms": dynamo_ms,
        "resolve_us": resolve_us,
        "resolver_compile_ms": compile_ms,
        "emergency_path_extra_modules": extra_modules,
        "emergency_path_forbidden": forbidden,
        "peak_rss_mib": {"project": rss_p, "baseline": rss_b},
        "zip_bytes": {"project": project.zip_bytes, "baseline": baseline.zip_bytes, "ratio": zip_ratio},
        "table": [row.__dict__ | {"result": row.verdict} for row in rows],
    }
    return rows, results


def screen_rows(project, baseline, cold_p, cold_b, warm_p, warm_b) -> list[Row]:
    """Information rows: the same cold start and warm mix from a device with a screen (APL). Both skills
    read the same bigger request (the SDK deserializes the device's APL interface); the skill also builds
    and sends a screen with every reply."""
    spawn_p, spawn_b = [r["spawn_ms"] for r in cold_p], [r["spawn_ms"] for r in cold_b]
    spawn_ratio = median(paired_ratios(spawn_p, spawn_b))
    mix_p, mix_b = per_conversation(warm_p, len(project.mix)), per_conversation(warm_b, len(baseline.mix))
    warm_ratio = median(mix_p) / median(mix_b)
    return [
        Row(
            f"cold, screen device (APL): start to first launch answered (median ms, {len(cold_p)} pairs)",
            f"{median(spawn_p):.1f}",
            f"{median(spawn_b):.1f}",
            None,
            f"{spawn_ratio:.3f}x",
            "(info)",
            None,
        ),
        Row(
            f"warm, screen device (APL): mix per request (us, median of {len(mix_p)} conversations)",
            f"{median(mix_p) / 1000:.0f}",
            f"{median(mix_b) / 1000:.0f}",
            None,
            f"{warm_ratio:.3f}x",
            "(info)",
            None,
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
