"""`storyline eval`: storyline's stages measured on outside data, next to simple baselines.

One module per concern: ``loaders`` (read and check files), ``scorers`` (metrics),
``baselines``, ``tasks`` (run ours and the baselines on one file), ``report`` (tables and
BENCHMARKS.md), ``cli`` (the command).
"""

from storyline.evaluate.tasks import TASKS, Failure, TaskResult, TaskUnavailable, run_all, run_task

__all__ = ["TASKS", "Failure", "TaskResult", "TaskUnavailable", "run_all", "run_task"]
