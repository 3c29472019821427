"""Background tasks of the import: reading an upload (see importing/jobs.py)."""

from __future__ import annotations

from importing import jobs
from lib.background import task


@task()
def read_import(job_id: int) -> str:
    """Read import job `job_id`'s upload; returns the job's status afterwards."""
    return jobs.job_read(job_id)
