"""Getting data in and out of files: scenario TOML and the embedded reference data."""
