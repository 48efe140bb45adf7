"""Records: read the YAML files, validate them, and serve them as one catalog."""
