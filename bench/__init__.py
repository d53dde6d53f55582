"""Benchmarks for Thinkdesk components; run each as `python -m bench.<name>`."""
