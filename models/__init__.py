"""Local LLM backends, reasoning-trace parsing, budget control, prompts, model discovery."""
