"""``python -m cqmu_exchange``: the same as the ``cqmu`` command."""

from .cli import main

if __name__ == "__main__":
    main()
