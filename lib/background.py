"""Background work: Django's Tasks API, and one piece of work run under a time and memory limit.

`task` and `TaskResultStatus` come from `django.tasks` on Django 6 and from the django-tasks
backport before it, so the task modules (importing/tasks.py, documents/tasks.py,
followup/tasks.py) need no change when the project moves.

`run_bounded` runs a function in a forked child process: the child lowers its address-space
limit (RLIMIT_AS, so an allocation past it raises MemoryError instead of swapping the machine)
and the parent kills it at the wall-clock deadline. The parent, which owns the database
connection, receives the child's progress messages and result through a pipe; the child never
touches the database. The limit sits inside the task, not in the worker, so it holds on every
backend (the embedded database worker, RQ, Celery) alike.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from django.conf import settings

try:  # Django 6
    from django.tasks import (  # type: ignore[import-not-found,unused-ignore]
        TaskResult,
        TaskResultStatus,
        task,
        task_backends,
    )
    from django.tasks.exceptions import (  # type: ignore[import-not-found,unused-ignore]
        TaskResultDoesNotExist,
    )
except ImportError:  # Django 5.2 with the backport
    from django_tasks import TaskResult, TaskResultStatus, task, task_backends
    from django_tasks.exceptions import TaskResultDoesNotExist

__all__ = [
    "Limits",
    "LimitExceeded",
    "Stopped",
    "TaskResult",
    "TaskResultDoesNotExist",
    "TaskResultStatus",
    "result_of",
    "stop_requested",
    "WorkCrashed",
    "limited_here",
    "run_bounded",
    "task",
    "task_backends",
]

Report = Callable[[str], None]


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_mb: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(settings.TASK_TIME_LIMIT_SECONDS, settings.TASK_MEMORY_LIMIT_MB)


class LimitExceeded(Exception):
    """The work went past its time (`kind == "time"`) or memory limit; `message` is Danish."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class Stopped(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """The worker is stopping: the task gives up at a safe point and goes back in the queue."""


# Set by the worker's signal handler; bounded work checks it (never raised from the handler:
# an exception raised at a random point can land where Python ignores it, e.g. in fork).
stop_requested = threading.Event()


class WorkCrashed(Exception):
    """The work raised an unexpected error (a bug) or its process died; `detail` is for logs."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


def result_of(a_task: Any, result_id: str) -> TaskResult | None:
    """The task's result by id, or None when the backend keeps none (immediate) or it is gone."""
    if not result_id:
        return None
    try:
        return a_task.get_result(result_id)  # type: ignore[no-any-return]
    except (TaskResultDoesNotExist, NotImplementedError, ValueError):
        return None


def duration_text(seconds: float) -> str:
    """`15 minutter`, `1 minut`, `90 sekunder`, `0,5 sekunder` (Danish, for messages)."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutter"
    if seconds == 60:
        return "1 minut"
    if seconds == int(seconds):
        return f"{int(seconds)} sekund" + ("" if seconds == 1 else "er")
    return f"{seconds:g}".replace(".", ",") + " sekunder"


def time_message(limits: Limits) -> str:
    return (
        f"Opgaven blev stoppet, fordi den tog længere end {duration_text(limits.seconds)}, "
        "som er grænsen for én opgave."
    )


def memory_message(limits: Limits) -> str:
    return (
        f"Opgaven blev stoppet, fordi den skulle bruge mere end {limits.memory_mb} MB "
        "hukommelse, som er grænsen for én opgave."
    )


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when its parent (the worker) dies, e.g. on a restart."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child(
    sender: Connection,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    memory_bytes: int,
    expected: tuple[type[BaseException], ...],
) -> None:
    # Stopping is the parent's business: Ctrl-C or a service manager's SIGTERM reach the whole
    # process group, and the parent kills this child when it gives up (or dies, see below).
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    _die_with_parent()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    def report(message: str) -> None:
        sender.send(("progress", message))

    try:
        outcome: tuple[str, Any] = ("ok", fn(report, *args))
    except MemoryError:
        outcome = ("memory", None)
    except expected as error:
        outcome = ("raised", error)
    except BaseException:
        outcome = ("crash", traceback.format_exc())
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory", None))
    except Exception:
        sender.send(("crash", traceback.format_exc()))
    finally:
        sender.close()


def run_bounded(
    fn: Callable[..., Any],
    *args: Any,
    limits: Limits | None = None,
    on_message: Report | None = None,
    expected: tuple[type[BaseException], ...] = (),
) -> Any:
    """`fn(report, *args)` in a child process under `limits`; its return value (picklable).

    `report(message)` in the child reaches `on_message` here. An exception of a type in
    `expected` is raised again here as it was; a MemoryError or the deadline raises
    LimitExceeded; anything else raises WorkCrashed; a stopping worker raises Stopped.
    """
    limits = limits or Limits.from_settings()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, fn, args, limits.memory_mb * 1024 * 1024, expected),
        daemon=True,
    )
    child.start()
    sender.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LimitExceeded("time", time_message(limits))
            if stop_requested.is_set():
                raise Stopped
            if not receiver.poll(min(remaining, 0.2)):
                continue
            try:
                kind, payload = receiver.recv()
            except EOFError:
                break  # the child died without a word
            if kind == "progress":
                if on_message is not None:
                    on_message(payload)
                continue
            if kind == "ok":
                return payload
            if kind == "memory":
                raise LimitExceeded("memory", memory_message(limits))
            if kind == "raised":
                raise payload
            raise WorkCrashed("Opgaven fejlede på grund af en fejl i programmet.", payload)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    code = child.exitcode
    if stop_requested.is_set():
        raise Stopped
    if code is not None and -code in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
        # a native library that cannot allocate aborts or segfaults rather than raising
        raise LimitExceeded(
            "memory",
            memory_message(limits) + " (processen stoppede med signal "
            f"{signal.Signals(-code).name}).",
        )
    raise WorkCrashed(
        "Opgaven stoppede uventet, før den var færdig.", f"exit code {code}, pid {os.getpid()}"
    )


def _virtual_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextlib.contextmanager
def limited_here(limits: Limits | None = None) -> Iterator[None]:
    """Bound work that needs this process's database connection (so cannot go to a child).

    Time: an interval timer raises LimitExceeded in the work (at the next Python instruction;
    a long native call finishes first). Memory: the soft address-space limit is lowered to
    what the process has now plus `memory_mb`, and put back afterwards. Applied only in the
    main thread (the worker); in a web request (immediate backend) the work runs unbounded.
    """
    limits = limits or Limits.from_settings()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _virtual_bytes() + limits.memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)

    def expire(signum: int, frame: Any) -> None:
        raise LimitExceeded("time", time_message(limits))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        raise LimitExceeded("memory", memory_message(limits)) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
