"""Reliability tests: processes killed mid-write, disks that fill up, files that vanish, and the
settings every connection must carry (reliability §4 T1, T3, T15)."""
