"""The deployment zip: deterministic, the function plus its requirements, nothing the runtime ships.

Offline: requirements come from wheels made here (pip --no-index). `make package` builds the real zip
from PyPI and is not part of `make test`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import marshal
import sys
import zipfile
from pathlib import Path

import pytest
from cfnlint.decode import cfn_yaml

import build_zip

ROOT = Path(__file__).resolve().parent.parent


def make_wheel(folder: Path, name: str, version: str, files: dict[str, str]) -> Path:
    """A minimal pure-Python wheel, as pip expects one."""
    dist_info = f"{name}-{version}.dist-info"
    contents = dict(files)
    contents[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    contents[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = []
    for path, text in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist_info}/RECORD,,")
    contents[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in contents.items():
            archive.writestr(path, text)
    return wheel


@pytest.fixture
def wheelhouse(tmp_path) -> Path:
    folder = tmp_path / "wheels"
    folder.mkdir()
    make_wheel(folder, "tinydep", "1.0", {"tinydep/__init__.py": "VALUE = 1\n"})
    make_wheel(folder, "boto3", "9.9.9", {"boto3/__init__.py": "raise ImportError('never packaged')\n"})
    return folder


@pytest.fixture
def function_dir(tmp_path) -> Path:
    folder = tmp_path / "function"
    (folder / "pkg" / "__pycache__").mkdir(parents=True)
    (folder / "tests").mkdir()
    (folder / "content").mkdir()
    (folder / "lambda_function.py").write_text(
        "import tinydep\n\n\ndef lambda_handler(event, context):\n"
        "    return event in {'launch', 'help', 'stop', 'yes', 'no', 'repeat'}\n"  # a frozenset constant
    )
    (folder / "pkg" / "__init__.py").write_text("")
    (folder / "pkg" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0")
    (folder / "tests" / "test_pkg.py").write_text("def test(): pass\n")
    (folder / "content" / "en-US.json").write_text("{}\n")
    (folder / "content" / "README.md").write_text("# how to edit the words\n")
    (folder / "requirements.txt").write_text("# run-time deps\ntinydep==1.0\nboto3\n")
    return folder


def names(zip_path: Path) -> set[str]:
    with zipfile.ZipFile(zip_path) as archive:
        return set(archive.namelist())


def test_zip_holds_the_function_and_its_requirements_only(function_dir, wheelhouse, tmp_path):
    offline = ["--no-index", "--find-links", str(wheelhouse)]
    out = build_zip.build(function_dir, tmp_path / "skill.zip", offline, python=None)
    contents = names(out)
    assert {"lambda_function.py", "pkg/__init__.py", "content/en-US.json", "tinydep/__init__.py"} <= contents
    assert "tinydep-1.0.dist-info/METADATA" in contents
    assert not any(n.startswith(("boto3/", "boto3-")) for n in contents), "boto3 ships in the runtime"
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in contents)
    assert not any(n.startswith(("tests/", "bin/")) for n in contents)
    assert "requirements.txt" not in contents
    assert (
        "content/README.md" not in contents
    )  # the editors' guide is read in the repository, not at run time


@pytest.mark.parametrize("python", [None, sys.executable], ids=["sources only", "with bytecode"])
def test_same_inputs_give_the_same_bytes(function_dir, wheelhouse, tmp_path, python):
    options = ["--no-index", "--find-links", str(wheelhouse)]
    first = build_zip.build(function_dir, tmp_path / "one.zip", options, python).read_bytes()
    (function_dir / "lambda_function.py").touch()  # a newer mtime must not change the zip
    second = build_zip.build(function_dir, tmp_path / "two.zip", options, python).read_bytes()
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {build_zip.ZIP_TIME}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}


def test_a_function_without_requirements_needs_no_pip(tmp_path):
    """The benchmarks' hello-world baseline: one file, no dependencies."""
    hello = tmp_path / "hello"
    hello.mkdir()
    (hello / "lambda_function.py").write_text("def lambda_handler(event, context):\n    return {}\n")
    out = build_zip.build(hello, tmp_path / "hello.zip", python=None)
    assert names(out) == {"lambda_function.py"}


def test_the_zip_carries_bytecode_the_runtime_uses_without_checking_timestamps(
    function_dir, wheelhouse, tmp_path
):
    """Lambda's /var/task is read-only: bytecode that is missing or stale is compiled at every cold start.

    Compiled here with this interpreter (the build uses the runtime's python3.13 when it has one)."""
    offline = ["--no-index", "--find-links", str(wheelhouse)]
    out = build_zip.build(function_dir, tmp_path / "skill.zip", offline, python=sys.executable)
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(out) as archive:
        sources = [n for n in archive.namelist() if n.endswith(".py")]
        compiled = {n for n in archive.namelist() if "__pycache__" in n}
        assert compiled == {
            f"{'/'.join(s.split('/')[:-1] + ['__pycache__'])}/{Path(s).stem}.{tag}.pyc" for s in sources
        }
        for source in sources:
            pyc = archive.read(
                f"{'/'.join(source.split('/')[:-1] + ['__pycache__'])}/{Path(source).stem}.{tag}.pyc"
            )
            assert pyc[:4] == importlib.util.MAGIC_NUMBER  # not the stale file the function folder held
            assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, never checked against sources
            assert pyc[8:16] == importlib.util.source_hash(archive.read(source))
            code = marshal.loads(pyc[16:])
            assert code.co_filename == f"{build_zip.TASK_ROOT}/{source}"  # tracebacks name Lambda's paths


def test_without_the_runtime_python_the_build_says_so_and_ships_sources(
    function_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(build_zip, "find_runtime_python", lambda *_: None)
    (function_dir / "requirements.txt").unlink()
    (function_dir / "lambda_function.py").write_text("def lambda_handler(event, context):\n    pass\n")
    out = build_zip.build(function_dir, tmp_path / "skill.zip")
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names(out))
    assert "no python3.13" in capsys.readouterr().out


def test_the_runtime_python_is_found_only_at_its_version(tmp_path, monkeypatch):
    monkeypatch.setenv("BUILD_ZIP_PYTHON", sys.executable)
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))  # no pyenv versions
    monkeypatch.setenv("PATH", str(tmp_path))  # no python3.x on PATH
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert build_zip.find_runtime_python(here) == sys.executable
    assert build_zip.find_runtime_python("2.1") is None


def test_builder_targets_the_runtime_and_architecture_in_the_template():
    function = next(
        r for r in cfn_yaml.load(str(ROOT / "template.yaml"))["Resources"].values()
        if r["Type"] == "AWS::Serverless::Function"
    )  # fmt: skip
    assert function["Properties"]["Runtime"] == f"python{build_zip.PYTHON_VERSION}"
    assert function["Properties"]["Architectures"] == ["arm64"] and "aarch64" in build_zip.PLATFORM
