"""Safety 365: compile the office's YAML records into site, bulletin and TV pack."""
