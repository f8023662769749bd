"""The command layer: each module turns options into calls on the domain core.

These modules do without `from __future__ import annotations`: Typer reads
each command's annotations every time the program starts, and annotations
kept as text would be compiled one by one to do so.
"""
