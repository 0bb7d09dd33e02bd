"""Benchmarks: each prints ``name: ratio (value / floor)`` against a floor measured in the same run."""
