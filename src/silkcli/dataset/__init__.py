"""Read and validate dataset files: the model, the YAML and JSON readers, the checks, the cache."""
