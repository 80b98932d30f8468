"""A throwaway area, declared only in its own folder: the registry test installs it to see core assemble it."""
