"""Build the Lambda deployment zip deterministically: the function directory plus its pip requirements.

    python tools/build_zip.py [--function-dir lambda] [--out build/skill.zip]

The same inputs give a byte-identical zip (sorted entries, fixed timestamps and permissions), so a
changed hash means changed code. Left out: what the Lambda runtime already ships (boto3, botocore,
s3transfer, jmespath), tests, any ``__pycache__`` of the inputs and the requirements file itself.
Wheels are chosen for the function's runtime and architecture (template.yaml: python3.13, arm64),
not for the machine that builds.

Bytecode: Lambda's /var/task is read-only, so a module without valid bytecode in the zip is compiled
again at every cold start (about 300 modules, 200 ms). When the runtime's Python (python3.13) is on
this machine (``$BUILD_ZIP_PYTHON``, ``python3.13`` on PATH, or a pyenv version), the staged tree is
compiled with it (``compileall --invalidation-mode unchecked-hash``: valid whatever the files'
timestamps, with /var/task paths, PYTHONHASHSEED=0 so the bytes repeat) and the zip carries that
``__pycache__``. Otherwise the build says so and ships sources only.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

# Keep in step with template.yaml (Runtime, Architectures); tests/test_build_zip.py checks it.
PYTHON_VERSION = "3.13"
PLATFORM = "manylinux2014_aarch64"

# Shipped in the Lambda Python runtime: never packaged (with their *.dist-info).
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath")
# The runtime's botocore imports these from the function's folder first (it leads sys.path), so the zip
# must hold versions botocore accepts: botocore requires python-dateutil<3.
RUNTIME_CONSTRAINTS = ("python-dateutil<3.0.0",)
EXCLUDED_DIRS = {"__pycache__", ".pytest_cache", "tests"}  # at any depth
EXCLUDED_TOP_DIRS = {"bin", "test", "data"}  # pip's console scripts; stray test or local data folders
EXCLUDED_SUFFIXES = (".pyc", ".pyo")
EXCLUDED_FILES = {"requirements.txt", ".DS_Store"}
# Guides for the people who edit the function's data (lambda/content/README.md): read in the repository, never
# at run time. Only the function's own folders: a dependency's files are its own business.
EXCLUDED_OWN_DOCS = (".md",)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build clock in the archive


TASK_ROOT = "/var/task"  # where Lambda unpacks the zip: the file names compiled into the bytecode
AUTO = "auto"  # build(python=AUTO): compile with the runtime's Python if this machine has it


def _probe(python: str) -> tuple[str, str] | None:
    """(``major.minor``, cache tag) of an interpreter, or None when it does not run."""
    code = "import sys; v = sys.version_info; print(f'{v.major}.{v.minor}', sys.implementation.cache_tag)"
    try:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    words = done.stdout.split()
    return (words[0], words[1]) if done.returncode == 0 and len(words) == 2 else None


def find_runtime_python(version: str = PYTHON_VERSION) -> str | None:
    """An interpreter of the Lambda runtime's version on this machine, or None."""
    candidates = [os.environ.get("BUILD_ZIP_PYTHON"), shutil.which(f"python{version}")]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates += sorted(
        glob.glob(os.path.join(pyenv_root, "versions", f"{version}*", "bin", f"python{version}"))
    )
    for candidate in candidates:
        probed = _probe(candidate) if candidate else None
        if probed and probed[0] == version:
            return candidate
    return None


def compile_bytecode(python: str, tree: Path) -> str:
    """Compile every ``.py`` under ``tree`` in place with ``python``; return its cache tag."""
    probed = _probe(python)
    if probed is None:
        raise SystemExit(f"build_zip: cannot run {python} to compile bytecode")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONOPTIMIZE")}
    env["PYTHONHASHSEED"] = "0"  # belt and braces: marshal orders frozenset constants (3.11+ sorts them)
    # -W: dependencies' invalid escape sequences are not ours to fix (and, compiled, not seen at run time)
    command = [python, "-W", "ignore::SyntaxWarning", "-m", "compileall", "-q", "-q"]
    command += ["--invalidation-mode", "unchecked-hash", "-s", str(tree), "-p", TASK_ROOT, str(tree)]
    done = subprocess.run(command, env=env, check=False)
    if done.returncode != 0:  # e.g. a dependency's Python-2-only file: the rest is compiled
        print(f"build_zip: note: {python} could not compile some files; they ship as source only")
    return probed[1]


def _is_runtime_provided(top_level: str) -> bool:
    name = top_level.lower()
    for package in RUNTIME_PROVIDED:
        if name == package or (name.startswith(package + "-") and name.endswith(".dist-info")):
            return True
    return False


def _files(root: Path, *, skip_runtime_provided: bool) -> Iterator[tuple[str, Path]]:
    """(archive name, path) for every file under ``root`` that belongs in the zip."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        parts = relative.parts
        if path.is_dir() or any(part in EXCLUDED_DIRS for part in parts[:-1]):
            continue
        if len(parts) > 1 and parts[0] in EXCLUDED_TOP_DIRS:
            continue
        if skip_runtime_provided and _is_runtime_provided(parts[0]):
            continue
        if path.suffix in EXCLUDED_SUFFIXES or path.name in EXCLUDED_FILES:
            continue
        if not skip_runtime_provided and path.suffix in EXCLUDED_OWN_DOCS:
            continue
        yield relative.as_posix(), path


def install_requirements(requirements: Path, target: Path, pip_options: Sequence[str] = ()) -> None:
    """pip-install ``requirements`` into ``target`` with wheels for the Lambda runtime."""
    constraints = target.parent / "runtime-constraints.txt"
    constraints.write_text("\n".join(RUNTIME_CONSTRAINTS) + "\n")
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--target",
        str(target),
        "--platform",
        PLATFORM,
        "--python-version",
        PYTHON_VERSION,
        "--implementation",
        "cp",
        "--only-binary=:all:",
        "-r",
        str(requirements),
        "-c",
        str(constraints),
        *pip_options,
    ]
    subprocess.run(command, check=True, env={**os.environ, "PIP_NO_INPUT": "1"})


def write_zip(entries: Sequence[tuple[str, Path]], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(out.suffix + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--, whatever the umask was
            info.create_system = 3  # unix, so the permissions above are read back
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(out)
    return out


def build(function_dir: Path, out: Path, pip_options: Sequence[str] = (), python: str | None = AUTO) -> Path:
    """Zip ``function_dir`` with its ``requirements.txt`` (if any) installed beside it; return ``out``.

    ``pip_options`` are passed to pip (e.g. ``["--no-index", "--find-links", wheel_dir]`` offline).
    ``python``: the interpreter that compiles the bytecode shipped in the zip; ``AUTO`` finds the
    runtime's (``find_runtime_python``), ``None`` ships no bytecode.
    """
    function_dir = Path(function_dir)
    entries: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="build-zip-") as scratch:
        staging = Path(scratch) / "site"
        requirements = function_dir / "requirements.txt"
        if requirements.is_file() and _has_requirements(requirements):
            install_requirements(requirements, staging, pip_options)
            entries.update(_files(staging, skip_runtime_provided=True))
        own = dict(_files(function_dir, skip_runtime_provided=False))
        clashes = sorted(set(own) & set(entries))
        if clashes:
            raise SystemExit(f"build_zip: {function_dir} and its requirements both provide {clashes[:5]}")
        entries.update(own)
        if not entries:
            raise SystemExit(f"build_zip: nothing to package in {function_dir}")
        if python == AUTO:
            python = find_runtime_python()
            if python is None:
                print(
                    f"build_zip: note: no python{PYTHON_VERSION} on this machine, so the zip carries no "
                    "bytecode (Lambda compiles every module at each cold start); set BUILD_ZIP_PYTHON "
                    f"to a python{PYTHON_VERSION} interpreter to include it"
                )
        if python is not None:
            entries.update(_with_bytecode(entries, Path(scratch) / "tree", python))
        return write_zip(sorted(entries.items()), Path(out))


def _with_bytecode(entries: dict[str, Path], tree: Path, python: str) -> dict[str, Path]:
    """Copy the zip's files to ``tree``, compile them there; (archive name, path) of each ``.pyc``."""
    for name, path in entries.items():
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    tag = compile_bytecode(python, tree)
    compiled = {}
    for name in entries:
        if name.endswith(".py"):
            folder, _, file = name.rpartition("/")
            pyc = f"{folder + '/' if folder else ''}__pycache__/{file[:-3]}.{tag}.pyc"
            if (tree / pyc).is_file():
                compiled[pyc] = tree / pyc
    return compiled


def _has_requirements(requirements: Path) -> bool:
    lines = (line.split("#", 1)[0].strip() for line in requirements.read_text().splitlines())
    return any(lines)


COLD_START = """
import json, resource, sys, time
def peak_kib():  # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak across fork
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.path.insert(0, sys.argv[1])
before = peak_kib()
start = time.perf_counter()
import lambda_function
imported = time.perf_counter() - start
def event(request):
    app = {"applicationId": "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"}
    user = {"userId": "amzn1.ask.account.MEASURE"}
    return {"version": "1.0",
            "session": {"new": True, "sessionId": "s", "application": app, "attributes": {}, "user": user},
            "context": {"System": {"application": app, "user": user, "device": {"deviceId": "d"}}},
            "request": {"requestId": "r", "timestamp": "2026-11-25T08:00:00Z", "locale": "en-US", **request}}
lambda_function.lambda_handler(event({"type": "LaunchRequest"}), None)
lambda_function.lambda_handler(event({"type": "IntentRequest", "dialogState": "COMPLETED",
    "intent": {"name": "AMAZON.HelpIntent", "confirmationStatus": "NONE", "slots": {}}}), None)
after = peak_kib()
# What the DynamoDB store adds on Lambda: boto3 from the runtime (last on sys.path) and one resource.
sys.path.append(sys.argv[2])
start = time.perf_counter()
import boto3
boto3.resource("dynamodb", region_name="us-east-1").Table("measure")
boto3_s = time.perf_counter() - start
with_boto3 = peak_kib()
print(json.dumps({"interpreter_kib": before, "peak_kib": after, "import_s": round(imported, 3),
                  "with_boto3_kib": with_boto3, "boto3_s": round(boto3_s, 3)}))
"""


def measure_cold_start(zip_path: Path) -> dict[str, float]:
    """Unzip into a fresh folder and cold-start the function in a new interpreter with no site-packages
    (as on Lambda, plus our deps only): peak RSS after the import and two requests."""
    import json

    import boto3  # the copy this build environment has stands in for the one in the Lambda runtime

    runtime_path = str(Path(boto3.__file__).resolve().parent.parent)
    with tempfile.TemporaryDirectory(prefix="cold-start-") as folder:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder)
        result = subprocess.run(
            [sys.executable, "-I", "-S", "-c", COLD_START, folder, runtime_path],
            check=True,
            capture_output=True,
            text=True,
            cwd=folder,
            env={"PATH": os.environ.get("PATH", ""), "ITB_DATA_DIR": folder},
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--function-dir", type=Path, default=Path("lambda"))
    parser.add_argument("--out", type=Path, default=Path("build") / "skill.zip")
    parser.add_argument(
        "--measure", action="store_true", help="also cold-start the zipped function and print its peak RSS"
    )
    args = parser.parse_args(argv)
    if not args.function_dir.is_dir():
        parser.error(f"{args.function_dir} is not a directory")
    out = build(args.function_dir, args.out)
    with zipfile.ZipFile(out) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        count = len(archive.infolist())
    size = out.stat().st_size
    print(f"{out}: {size / 1024:.1f} KiB zipped, {unpacked / 1024:.1f} KiB unzipped, {count} files")
    if args.measure:
        cold = measure_cold_start(out)
        mib = {key: cold[key] / 1024 for key in ("peak_kib", "interpreter_kib", "with_boto3_kib")}
        print(
            f"cold start (python {sys.version_info.major}.{sys.version_info.minor}, this machine): "
            f"peak RSS {mib['peak_kib']:.1f} MiB (bare interpreter {mib['interpreter_kib']:.1f} MiB), "
            f"import {cold['import_s'] * 1000:.0f} ms; with boto3 and a DynamoDB resource: "
            f"{mib['with_boto3_kib']:.1f} MiB, +{cold['boto3_s'] * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
