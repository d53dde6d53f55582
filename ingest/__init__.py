"""Files to blocks with exact locations, and blocks to chunks; no Qt, no model code."""
