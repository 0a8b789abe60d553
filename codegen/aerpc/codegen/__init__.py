"""aerpc's code generator: schema → lint → model → templates → files."""
