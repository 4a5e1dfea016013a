"""cqmu-exchange: look up Chongqing Medical University's international cooperation.

The core (model, loader, dates, search, timeline, stats) works without Typer or
rich; :mod:`cqmu_exchange.cli` is a thin command-line layer over it.
"""

__version__ = "0.1.0"
