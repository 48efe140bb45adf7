"""The office's printed page (GB/T 9704), shared by every output that prints: templates, styles, PDF."""
