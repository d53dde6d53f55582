"""Use cases and front ends: the assistant facade, events, settings, CLI and GUI."""
