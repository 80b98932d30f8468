"""Liaison: the system of record for international cooperation and Mainland liaison work."""
