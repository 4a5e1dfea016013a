"""``python -m cqmu_exchange`` and the ``cqmu`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI; a Ctrl-C even while modules are still importing exits 130 quietly."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    run()


if __name__ == "__main__":
    main()
