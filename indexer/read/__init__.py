"""Reading: find the source files, decode their bytes, read sidecars, turn HTML into blocks."""
