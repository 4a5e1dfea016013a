"""``python -m cqmu_exchange`` and the ``cqmu`` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the CLI and leave at once.

    A Ctrl-C even while modules are still importing exits 130 quietly. At the end
    the output is flushed and the process exits without tearing down the objects
    it built (for a large dataset that teardown takes longer than the search).
    """
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    code: int = 0
    try:
        run()
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = code or 1
    os._exit(code)


if __name__ == "__main__":
    main()
