"""Files the program writes and the faults of the place they live in (disk, folder, network drive)."""
