"""The web server's command line (search_web/cli.py): click, its name, its options."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from search_web import cli

VENV_BIN = Path(sys.executable).parent


def test_help_names_the_console_script():
    exe = shutil.which("statement-search-web", path=str(VENV_BIN))
    assert exe, "the console script is installed with the package"
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Usage: statement-search-web [OPTIONS]")
    for option in ("--index", "--host", "--port", "--workers", "--threads", "--exports"):
        assert option in out


def test_python_dash_m_names_itself():
    out = subprocess.run([sys.executable, "-m", "search_web", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("Usage: python -m search_web [OPTIONS]")


def test_bad_port_is_a_clear_error():
    result = CliRunner().invoke(cli.main, ["--port", "99999"])
    assert result.exit_code == 2 and "99999 is not in the range" in result.output


def test_readme_commands_are_installed_console_scripts():
    """The README calls the commands by their path in .venv/bin, which works on a fresh
    machine without activating the venv: each one exists and answers --help."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    named = set(re.findall(r"\.venv/bin/([\w-]+)", readme))
    assert {"statement-index", "statement-search-web", "python"} <= named
    assert not re.search(r"^\s+python -m ", readme, re.MULTILINE)  # a bare python lacks the packages
    for name in sorted(named - {"python", "activate"}):  # activate is sourced, not run
        exe = VENV_BIN / name
        assert exe.exists(), f"README names .venv/bin/{name}, which is not installed"
        out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
        assert out.startswith(f"Usage: {name} ")


def blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_the_server_keeps_blas_to_one_thread_in_itself_and_its_forked_workers():
    import os

    import numpy as np
    from threadpoolctl import threadpool_limits

    np.ones((2, 2)) @ np.ones(2)  # BLAS loaded
    outer = threadpool_limits(limits=2, user_api="blas")  # as on a 2-core machine, whatever this one has
    try:
        assert blas_threads() and set(blas_threads()) == {2}
        limiter = cli.one_blas_thread()
        try:
            assert set(blas_threads()) == {1}
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # a worker, as prefork makes it
                os.write(write, repr(blas_threads()).encode())
                os._exit(0)
            os.close(write)
            os.waitpid(pid, 0)
            assert os.read(read, 100) == b"[1]"
            os.close(read)
        finally:
            limiter.restore_original_limits()
        assert set(blas_threads()) == {2}
    finally:
        outer.restore_original_limits()


_ARENAS_SCRIPT = """
import ctypes, os, sys, tempfile, threading
from search_web import cli
print(cli.few_malloc_arenas() if sys.argv[1] == "limit" else None)
barrier = threading.Barrier(6)
def work():  # six threads allocating at once, as waitress's request threads do
    barrier.wait()
    keep = []
    for i in range(2000):
        keep.append(bytes(2000 + i))
        del keep[:-50]
threads = [threading.Thread(target=work) for _ in range(6)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
fd, path = tempfile.mkstemp()
os.close(fd)
f = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, f)
libc.fclose(f)
print(open(path).read().count("<heap nr="))
os.unlink(path)
"""


def _malloc_heaps(mode: str, **env) -> list[str]:
    import os

    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", _ARENAS_SCRIPT, mode], capture_output=True, text=True,
                         check=True, env={**clean, **env}).stdout
    return out.split()


def test_the_server_keeps_malloc_to_one_arena_while_threads_allocate():
    """glibc gives each allocating thread an arena of its own, where what it frees stays;
    the server keeps one for all its threads (and leaves a MALLOC_ARENA_MAX it is given)."""
    import platform

    import pytest

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc arenas are glibc's")
    assert _malloc_heaps("limit") == ["True", "1"]
    unlimited = _malloc_heaps("none")
    assert int(unlimited[1]) > 1  # without the setting the threads do get arenas of their own
    assert _malloc_heaps("limit", MALLOC_ARENA_MAX="3")[0] == "False"
