"""Writing: build a generation from the source files on all cores, update it in place of a
full rebuild, and publish it atomically (records, workers, budget, faults, publish, report)."""
