"""Stage 4 — link: records built from recognised pieces (officials, meetings, indicators)."""
